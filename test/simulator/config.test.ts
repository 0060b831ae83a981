import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkConfig, DEFAULT_SCENARIOS, loadConfigFile, resolveConfig, type SimulatorConfigInput } from '../../src/simulator/index.js'
import { incidents, take } from './take.js'

describe('simulator config', () => {
  it("defaults to 004's 16 scenarios in 4 families, BANK-001 as 004 spells it, rate 0.08 and 10 logs/s", () => {
    const c = resolveConfig()
    expect(c.anomaly_scenarios.map((s) => s.id)).toEqual(Array.from({ length: 16 }, (_, i) => `BANK-${String(i + 1).padStart(3, '0')}`))
    expect(new Set(c.anomaly_scenarios.map((s) => s.type)).size).toBe(4)
    expect(c.anomaly_scenarios[0]).toMatchObject({ name: 'Login Failure Spike', type: 'Suspicious Transaction', category: 'security_authentication', frequency_weight: 40, severity: 'High' })
    expect(c).toMatchObject({ global_anomaly_rate: 0.08, log_generation: { logs_per_second: 10, burst_simulation: true } })
    expect(c.service_sources).toHaveLength(11)
    expect(c.anomaly_scenarios.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 10)
    expect(DEFAULT_SCENARIOS).toHaveLength(16)
  })

  it('disables, reweights and changes scenarios by id', () => {
    const c = resolveConfig({ anomaly_scenarios: [{ id: 'BANK-001', enabled: false }, { id: 'BANK-016', frequency_weight: 60, severity: 'High' }] })
    const byId = new Map(c.anomaly_scenarios.map((s) => [s.id, s]))
    expect(byId.get('BANK-001')?.share).toBe(0)
    expect(byId.get('BANK-016')).toMatchObject({ frequency_weight: 60, severity: 'High' })
    expect(byId.get('BANK-016')?.share).toBeCloseTo(60 / (DEFAULT_SCENARIOS.reduce((s, x) => s + x.frequency_weight, 0) - 40 - 6 + 60), 12)
    const rows = take(20_000, { seed: 2, anomaly_scenarios: [{ id: 'BANK-001', enabled: false }] })
    expect(rows.some((r) => r.anomaly_details.anomaly_id === 'BANK-001')).toBe(false)
  })

  it('adds a scenario without code: card testing through its pattern', () => {
    const input: SimulatorConfigInput = {
      seed: 4,
      anomaly_scenarios: [{ id: 'BANK-017', name: 'Card Testing', type: 'Suspicious Transaction', category: 'card_fraud', severity: 'High', frequency_weight: 60, pattern: 'card_testing' }],
    }
    const found = incidents(take(20_000, input), 'BANK-017').slice(0, -1)
    expect(found.length).toBeGreaterThan(3)
    for (const inc of found) {
      expect(inc[0]?.anomaly_details).toMatchObject({ anomaly_type: 'Suspicious Transaction', category: 'card_fraud', severity: 'High' })
      expect(inc.every((r) => r.source_service === 'payment-service' && r.metrics.amount !== null && r.metrics.amount <= 5)).toBe(true)
      expect(new Set(inc.map((r) => r.ip_address)).size).toBe(1)
      const last = inc[inc.length - 1]
      expect(last?.metrics.distinct_cards).toBeGreaterThanOrEqual(10)
      expect(last?.metrics.decline_rate).toBeGreaterThan(0.5)
    }
  })

  it('adds a generic scenario shaped entirely by its config', () => {
    const rows = take(20_000, {
      seed: 9,
      anomaly_scenarios: [
        {
          id: 'OPS-001',
          name: 'Slow statements',
          severity: 'Low',
          frequency_weight: 100,
          pattern: 'generic',
          source_services: ['file-storage-service'],
          generic: { rows: [4, 6], actor: 'one_user', status_code: 503, log_level: 'ERROR', message: 'Statement render failed for {user}', metrics: { response_time_ms: { set: 12_000 } } },
        },
      ],
    })
    const found = incidents(rows, 'OPS-001').slice(0, -1)
    expect(found.length).toBeGreaterThan(3)
    for (const inc of found) {
      expect(inc.length).toBeGreaterThanOrEqual(4)
      expect(inc.length).toBeLessThanOrEqual(6)
      expect(new Set(inc.map((r) => r.user_id)).size).toBe(1)
      expect(inc.every((r) => r.source_service === 'file-storage-service' && r.log_level === 'ERROR' && r.metrics.status_code === 503 && r.metrics.response_time_ms === 12_000)).toBe(true)
      expect(inc[0]?.message).toBe(`Statement render failed for ${inc[0]?.user_id}`)
      expect(inc[0]?.anomaly_details).toMatchObject({ anomaly_type: 'Custom', category: 'custom' })
    }
  })

  it('refuses bad configs with a message naming the field', () => {
    const message = (value: unknown): string => {
      try {
        checkConfig(value)
        resolveConfig(value as SimulatorConfigInput)
        return 'accepted'
      } catch (err) {
        return err instanceof Error ? err.message : String(err)
      }
    }
    expect(message({ global_anomaly_rate: 0.7 })).toBe('config.global_anomaly_rate must be <= 0.5; got 0.7')
    expect(message({ anomaly_scenarios: [{ id: 'BANK-002', frequency_weight: -1 }] })).toBe('config.anomaly_scenarios[0].frequency_weight must be >= 0; got -1')
    expect(message({ log_generation: { rate: 5 } })).toBe('config.log_generation.rate is not a known field')
    expect(message({ anomaly_scenarios: [{ id: 'X-1', pattern: 'nope' }] })).toMatch(/^config\.anomaly_scenarios\[0\]\.pattern must be equal to one of the allowed values/)
    expect(message({ anomaly_scenarios: [{ id: 'X-1', frequency_weight: 5 }] })).toMatch(/adds scenario 'X-1', which needs name, severity, pattern/)
    expect(message({ anomaly_scenarios: [{ id: 'BANK-002', generic: { rows: [1, 2] } }] })).toMatch(/generic only applies to "pattern": "generic"/)
    expect(message({ start_time: 'yesterday' })).toMatch(/^config\.start_time must match format "date-time"/)
  })

  it('reads a JSON file, naming the file when it is not JSON', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vigil-sim-config-'))
    try {
      const good = path.join(dir, 'good.json')
      await writeFile(good, JSON.stringify({ seed: 3, anomaly_scenarios: [{ id: 'BANK-003', enabled: false }] }))
      expect(await loadConfigFile(good)).toEqual({ seed: 3, anomaly_scenarios: [{ id: 'BANK-003', enabled: false }] })
      const bad = path.join(dir, 'bad.json')
      await writeFile(bad, '{ "seed": 3, }')
      await expect(loadConfigFile(bad)).rejects.toThrow(/config file '.*bad\.json' is not valid JSON/)
      await writeFile(bad, '{ "seeds": 3 }')
      await expect(loadConfigFile(bad)).rejects.toThrow(/bad\.json\.seeds is not a known field/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
