import { beforeAll, describe, expect, it } from 'vitest'
import { FOREIGN, VPN_EXITS } from '../../src/simulator/geo.js'
import type { LogRecord } from '../../src/simulator/log-record.js'
import { isHostingIp } from '../../src/simulator/network.js'
import { incidents, take } from './take.js'

const distinct = <T>(values: readonly T[]): number => new Set(values).size
const max = (rows: readonly LogRecord[], metric: keyof LogRecord['metrics']): number => Math.max(...rows.map((r) => r.metrics[metric] ?? -Infinity))
const minutes = (rows: readonly LogRecord[]): number => (Date.parse(rows[rows.length - 1]?.timestamp ?? '') - Date.parse(rows[0]?.timestamp ?? '')) / 60_000
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

/** Each scenario leaves the traces a real incident leaves, not only a flag. */
describe('incident traces', () => {
  let rows: LogRecord[] = []
  /** Incidents that ran to completion (the last ones may be cut off by the end of the run). */
  const complete = (id: string): LogRecord[][] => incidents(rows, id).slice(0, -2)
  beforeAll(() => {
    rows = take(60_000, { seed: 21 })
  })

  it('every scenario occurs, and labels are complete on anomalous rows and null on normal ones', () => {
    expect(distinct(rows.map((r) => r.anomaly_details.anomaly_id).filter((id) => id !== null))).toBe(16)
    for (const r of rows) {
      const d = r.anomaly_details
      if (d.is_anomaly) {
        expect(d.anomaly_name).toMatch(/ \(#\d+\)$/)
        expect(d.confidence).toBeGreaterThanOrEqual(0)
        expect(d.confidence).toBeLessThanOrEqual(1)
        expect([d.anomaly_id, d.anomaly_type, d.category, d.severity].every((v) => typeof v === 'string')).toBe(true)
      } else {
        expect([d.anomaly_id, d.anomaly_type, d.anomaly_name, d.category, d.severity, d.confidence]).toEqual([null, null, null, null, null, null])
      }
    }
  })

  it('brute force: many failed logins for one user from few IPs', () => {
    for (const inc of complete('BANK-002')) {
      const logins = inc.filter((r) => r.source_service === 'auth-service' && r.metrics.failed_attempts !== null)
      expect(distinct(inc.map((r) => r.user_id))).toBe(1)
      expect(distinct(inc.map((r) => r.ip_address))).toBeLessThanOrEqual(3)
      expect(max(logins, 'failed_attempts')).toBeGreaterThanOrEqual(10)
      expect(logins.filter((r) => r.metrics.status_code === 401).length).toBeGreaterThanOrEqual(10)
    }
  })

  it('credential stuffing: one IP across many users', () => {
    for (const inc of complete('BANK-004')) {
      expect(distinct(inc.map((r) => r.ip_address))).toBe(1)
      expect(distinct(inc.map((r) => r.user_id))).toBeGreaterThanOrEqual(10)
      expect(max(inc, 'unique_users')).toBeGreaterThanOrEqual(10)
    }
  })

  it('login failure spike: failures across many customers at once, each from their own address', () => {
    for (const inc of complete('BANK-001')) {
      expect(distinct(inc.map((r) => r.user_id))).toBeGreaterThanOrEqual(8)
      expect(inc.every((r) => (r.metrics.status_code ?? 0) >= 400)).toBe(true)
      expect(minutes(inc)).toBeLessThan(5)
    }
  })

  it('DDoS: a burst of gateway requests within seconds, shed with 429/503', () => {
    for (const inc of complete('BANK-013')) {
      expect(inc.length).toBeGreaterThanOrEqual(12)
      expect(minutes(inc)).toBeLessThan(0.5)
      expect(inc.every((r) => r.source_service === 'api-gateway')).toBe(true)
      expect(inc.filter((r) => r.metrics.status_code === 429 || r.metrics.status_code === 503).length / inc.length).toBeGreaterThan(0.4)
      expect(max(inc, 'requests_per_minute')).toBeGreaterThanOrEqual(3)
    }
  })

  it('replication lag and cache degradation drift over minutes', () => {
    for (const inc of complete('BANK-012')) {
      const lags = inc.map((r) => r.metrics.replication_lag_ms as number)
      expect(minutes(inc)).toBeGreaterThanOrEqual(2)
      expect((lags[lags.length - 1] as number) / (lags[0] as number)).toBeGreaterThan(50)
      expect(lags[0]).toBeLessThan(200)
    }
    for (const inc of complete('BANK-011')) {
      const hits = inc.map((r) => r.metrics.cache_hit_rate as number)
      expect(minutes(inc)).toBeGreaterThanOrEqual(2)
      expect(hits[0]).toBeGreaterThan(0.85)
      expect(Math.min(...hits)).toBeLessThan(0.7)
    }
  })

  it('data exfiltration: unusual volume to a new destination', () => {
    const normalExports = rows.filter((r) => !r.anomaly_details.is_anomaly && r.message.startsWith('Scheduled export'))
    for (const inc of complete('BANK-015')) {
      expect(inc[0]?.metrics.new_destination).toBe(1)
      expect(Math.min(...inc.map((r) => r.metrics.bytes_transferred ?? 0))).toBeGreaterThan(max(normalExports, 'bytes_transferred'))
    }
  })

  it('PII access, amount anomaly, session hijacking, VPN, geographic anomaly', () => {
    for (const inc of complete('BANK-006')) {
      expect(distinct(inc.map((r) => r.user_id))).toBe(1)
      expect(inc[0]?.user_id).toMatch(/^EMP-/)
      expect(Math.min(...inc.map((r) => r.metrics.records_accessed ?? 0))).toBeGreaterThanOrEqual(100)
    }
    const amounts = (anomalous: boolean): number[] =>
      rows.filter((r) => r.source_service === 'transaction-service' && r.anomaly_details.is_anomaly === anomalous && r.metrics.amount !== null).map((r) => r.metrics.amount as number)
    expect(median(amounts(true))).toBeGreaterThan(10 * median(amounts(false)))
    for (const inc of complete('BANK-007')) {
      expect(inc.some((r) => (r.metrics.geo_velocity_kmh ?? 0) > 1000 && r.metrics.new_device === 1)).toBe(true)
      expect(inc.some((r) => r.message.startsWith('New payee added'))).toBe(true)
    }
    for (const inc of complete('BANK-008')) {
      expect(inc.every((r) => VPN_EXITS.includes(r.geo_location) && isHostingIp(r.ip_address))).toBe(true)
    }
    for (const inc of complete('BANK-005')) {
      expect(distinct(inc.map((r) => r.geo_location))).toBe(1)
      expect(FOREIGN).toContain(inc[0]?.geo_location)
      expect(distinct(inc.map((r) => r.ip_address))).toBeGreaterThanOrEqual(2)
    }
  })

  it('system errors: timeouts at 30 s, pool exhaustion, injection payloads, ransomware', () => {
    for (const inc of complete('BANK-009')) expect(inc.every((r) => r.metrics.status_code === 504 && (r.metrics.response_time_ms ?? 0) >= 30_000)).toBe(true)
    for (const inc of complete('BANK-010')) {
      expect(inc.every((r) => r.metrics.status_code === 503)).toBe(true)
      expect(inc.filter((r) => r.source_service === 'database-service').every((r) => r.metrics.db_connections === 100)).toBe(true)
    }
    for (const inc of complete('BANK-014')) {
      expect(distinct(inc.filter((r) => r.source_service === 'api-gateway').map((r) => r.ip_address))).toBe(1)
      expect(inc.some((r) => /SELECT|UNION|OR '1'='1|DROP TABLE/.test(r.message))).toBe(true)
    }
    for (const inc of complete('BANK-016')) {
      expect(max(inc, 'files_modified')).toBeGreaterThanOrEqual(500)
      expect(inc.some((r) => r.log_level === 'CRITICAL')).toBe(true)
    }
  })

  it('normal traffic keeps to ordinary values: few failed logins per user, no bulk reads, pools below capacity', () => {
    const normal = rows.filter((r) => !r.anomaly_details.is_anomaly)
    // a customer's own login while someone attacks their account sees the attacker's failures: only the tail may be high
    const failed = normal.map((r) => r.metrics.failed_attempts).filter((v): v is number => v !== null)
    expect(failed.filter((v) => v > 3).length / failed.length).toBeLessThan(0.005)
    expect(max(normal, 'records_accessed')).toBeLessThanOrEqual(5)
    expect(max(normal, 'db_connections')).toBeLessThan(100)
    expect(normal.filter((r) => r.metrics.status_code !== null && r.metrics.status_code >= 500).length / normal.length).toBeLessThan(0.01)
  })
})
