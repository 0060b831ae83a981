import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { createPxTraffic, DIM, PxEvent, pxRhythm } from '../../../src/simulator/px/index.js'
import { collect, value } from './collect.js'

const DAY = 1440

describe('PX traffic generator', () => {
  it('is deterministic: the same seed gives the same bytes whatever the batch size, another seed other bytes', () => {
    const config = { duration_minutes: 240, rate_per_second: 5, presets: ['003' as const], random: { count: 4, duration_minutes: [10, 30] as [number, number], min_requests: 5 } }
    const a = Buffer.concat([...createPxTraffic(config).ndjson()])
    const b = Buffer.concat([...createPxTraffic(config).ndjson({ maxEvents: 777 })])
    const c = Buffer.concat([...createPxTraffic({ ...config, seed: 2 }).ndjson()])
    expect(a.length).toBeGreaterThan(1_000_000)
    expect(createPxTraffic(config).labels).toHaveLength(8)
    expect(b.equals(a)).toBe(true)
    expect(c.equals(a)).toBe(false)
    expect(createPxTraffic(config).labels).toEqual(createPxTraffic(config).labels)
  })

  it('writes NDJSON equal to JSON.stringify of the event objects, each a valid PxEvent in event-time order', () => {
    const traffic = createPxTraffic({ duration_minutes: 20, rate_per_second: 10, presets: ['003'] })
    const objects = [...traffic.events()].flat()
    const lines = Buffer.concat([...traffic.ndjson()]).toString('utf8').trimEnd().split('\n')
    expect(lines).toHaveLength(objects.length)
    expect(lines.map((l) => JSON.parse(l))).toEqual(objects)
    let last = ''
    for (const e of objects) {
      expect(Value.Check(PxEvent, e)).toBe(true)
      expect(e.timestamp >= last).toBe(true)
      last = e.timestamp
    }
    expect(objects[0]).toMatchObject({ timestamp: expect.stringMatching(/^2025-01-06T00:00:\d\d\.\d{3}Z$/), user_id: expect.stringMatching(/^u-[0-9a-f]{8}$/), ip: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) })
    const spanMs = Date.parse(objects[objects.length - 1]!.timestamp) - Date.parse(objects[0]!.timestamp)
    expect(spanMs).toBeGreaterThan(19 * 60_000)
  })

  it('leaves user_id and ip out with users: 0, and marks shaped requests only with labels on', () => {
    const traffic = createPxTraffic({ duration_minutes: 60, rate_per_second: 20, users: 0, scenarios: [{ id: 'x', type: 'latency', dimensions: { operation: 'list_pi' }, effect: { multiplier: 2 }, start_offset_minutes: 10, duration_minutes: 10 }] })
    const blind = [...traffic.events()].flat()
    expect(blind.some((e) => 'user_id' in e || 'ip' in e || 'regression' in e)).toBe(false)
    const marked = [...traffic.events({ labels: true })].flat().filter((e) => e.regression === 'x')
    expect(marked.length).toBeGreaterThan(100)
    expect(marked.every((e) => e.operation === 'list_pi' && e.timestamp >= '2025-01-06T00:10' && e.timestamp < '2025-01-06T00:20')).toBe(true)
  })

  it('follows the daily rhythm and the configured rate', () => {
    const traffic = createPxTraffic({ duration_minutes: DAY, rate_per_second: 4, traffic_noise: 0 })
    const batch = collect(traffic)
    const perHour = new Array<number>(24).fill(0)
    for (let i = 0; i < batch.length; i++) perHour[new Date(batch.time[i]!).getUTCHours()]!++
    const expected = traffic.config.timeline.prefix[DAY]!
    expect(Math.abs(batch.length - expected)).toBeLessThan(4 * Math.sqrt(expected))
    // peak near 17:00 UTC, trough near 06:00 UTC, about 3.5 to 1
    expect(perHour.indexOf(Math.max(...perHour))).toBeGreaterThanOrEqual(15)
    expect(perHour.indexOf(Math.max(...perHour))).toBeLessThanOrEqual(19)
    expect(perHour.indexOf(Math.min(...perHour))).toBeGreaterThanOrEqual(4)
    expect(perHour.indexOf(Math.min(...perHour))).toBeLessThanOrEqual(8)
    expect(Math.max(...perHour) / Math.min(...perHour)).toBeGreaterThan(3)
  })

  it('has a weekly rhythm that averages 1, with lighter weekends', () => {
    const monday = Date.UTC(2025, 0, 6)
    let sum = 0
    for (let m = 0; m < 7 * DAY; m++) sum += pxRhythm(monday + m * 60_000)
    expect(sum / (7 * DAY)).toBeCloseTo(1, 6)
    const dayMean = (d: number): number => {
      let s = 0
      for (let m = 0; m < DAY; m++) s += pxRhythm(monday + (d * DAY + m) * 60_000)
      return s / DAY
    }
    expect(dayMean(5)).toBeLessThan(0.85 * dayMean(1)) // Saturday vs Tuesday
    expect(dayMean(6)).toBeLessThan(0.85 * dayMean(2)) // Sunday vs Wednesday
  })

  it('has skewed, realistic cardinalities and dependencies', () => {
    const traffic = createPxTraffic({ duration_minutes: 120, rate_per_second: 30 })
    const batch = collect(traffic)
    const counts = Array.from({ length: 7 }, () => new Map<string, number>())
    const nonPsd2 = new Set(['US', 'CA', 'JP', 'CH', 'TR', 'ZA', 'AR', 'MX', 'BR', 'IN', 'AU', 'KR', 'SG', 'NZ'])
    let violations = 0
    for (let i = 0; i < batch.length; i++) {
      for (let d = 0; d < 7; d++) {
        const v = value(traffic, batch, i, d)
        counts[d]!.set(v, (counts[d]!.get(v) ?? 0) + 1)
      }
      const country = value(traffic, batch, i, DIM.country)
      const op = value(traffic, batch, i, DIM.operation)
      const pi = value(traffic, batch, i, DIM.pi_type)
      if (op === 'psd2_session' && nonPsd2.has(country)) violations++
      if (pi === 'citizens_one_financing' && country !== 'US') violations++
      if (!value(traffic, batch, i, DIM.instance).startsWith(`${value(traffic, batch, i, DIM.region)}-`)) violations++
    }
    expect(violations).toBe(0)
    const share = (d: number, v: string): number => (counts[d]!.get(v) ?? 0) / batch.length
    const sorted = (d: number): number[] => [...counts[d]!.values()].sort((a, b) => b - a)
    // one large partner, a long tail
    expect(counts[DIM.partner]!.size).toBe(25)
    expect(share(DIM.partner, 'cart')).toBeGreaterThan(0.25)
    expect(sorted(DIM.partner)[0]! / sorted(DIM.partner)[1]!).toBeGreaterThan(2)
    expect(sorted(DIM.partner).filter((c) => c / batch.length < 0.01)).toHaveLength(7)
    // 30 countries, US first, a skewed tail
    expect(counts[DIM.country]!.size).toBe(30)
    expect(share(DIM.country, 'US')).toBeGreaterThan(0.3)
    expect(share(DIM.country, 'AR')).toBeLessThan(0.01)
    // 7 operations, 6 regions, 80 instances, a few flights
    expect(counts[DIM.operation]!.size).toBe(7)
    expect(counts[DIM.region]!.size).toBe(6)
    expect(counts[DIM.instance]!.size).toBe(80)
    expect(counts[DIM.flight]!.size).toBe(4)
    expect(share(DIM.flight, 'control')).toBeGreaterThan(0.65)
    for (const pi of ['mc', 'visa', 'amex', 'paypal', 'citizens_one_financing', 'sepa', 'klarna']) expect(counts[DIM.pi_type]!.has(pi)).toBe(true)
  })

  it('has small baseline error rates that vary by operation, and lognormal latency by operation and region', () => {
    const traffic = createPxTraffic({ duration_minutes: 120, rate_per_second: 30 })
    const batch = collect(traffic)
    const by = new Map<string, { n: number; e4: number; e5: number; lat: number[] }>()
    let e5 = 0
    let e4 = 0
    for (let i = 0; i < batch.length; i++) {
      const s = batch.status[i]!
      if (s >= 500) e5++
      else if (s >= 400) e4++
      const key = value(traffic, batch, i, DIM.operation)
      const x = by.get(key) ?? { n: 0, e4: 0, e5: 0, lat: [] }
      x.n++
      if (s >= 500) x.e5++
      else if (s >= 400) x.e4++
      else x.lat.push(batch.latency[i]!)
      by.set(key, x)
    }
    expect(e5 / batch.length).toBeGreaterThan(0.003)
    expect(e5 / batch.length).toBeLessThan(0.008)
    expect(e4 / batch.length).toBeGreaterThan(0.02)
    expect(e4 / batch.length).toBeLessThan(0.05)
    const rate4 = (op: string): number => by.get(op)!.e4 / by.get(op)!.n
    expect(rate4('add_pi')).toBeGreaterThan(3 * rate4('list_pi'))
    const median = (op: string): number => by.get(op)!.lat.sort((a, b) => a - b)[by.get(op)!.lat.length >> 1]!
    expect(median('add_pi')).toBeGreaterThan(4 * median('list_pi'))
    // skewed right: p95 about twice the median
    const lat = by.get('list_pi')!.lat
    expect(lat[Math.floor(lat.length * 0.95)]! / median('list_pi')).toBeGreaterThan(1.8)
  })
})
