import { beforeAll, describe, expect, it } from 'vitest'
import { InvalidInputError } from '../../../src/errors.js'
import { createPxTraffic, EXAMPLES_003, PxTrafficConfigInput, toCombination, type PxBatch, type PxTraffic } from '../../../src/simulator/px/index.js'
import { combinationsOverlap } from '../../../src/simulator/px/random-regressions.js'
import { collect, inside } from './collect.js'

/** Whether event i of a and event j of b are the same request in every column. */
function same(a: PxBatch, i: number, b: PxBatch, j: number, withRegression = true): boolean {
  if (a.time[i] !== b.time[j] || a.status[i] !== b.status[j] || a.latency[i] !== b.latency[j] || a.user[i] !== b.user[j]) return false
  if (withRegression && a.regression[i] !== b.regression[j]) return false
  for (let d = 0; d < 7; d++) if (a.dims[i * 7 + d] !== b.dims[j * 7 + d]) return false
  return true
}

/** Observed share within 4.5 standard errors of p. */
function near(count: number, n: number, p: number): void {
  expect(n).toBeGreaterThan(20)
  expect(Math.abs(count / n - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / n) + 1e-9)
}

describe("003's four examples", () => {
  const base: PxTrafficConfigInput = { duration_minutes: 240, rate_per_second: 60 }
  const with003 = createPxTraffic({ ...base, presets: ['003'] })
  let a: PxBatch
  let b: PxBatch
  // a few seconds of generation on a busy machine: once, before the tests
  beforeAll(() => {
    a = collect(createPxTraffic(base))
    b = collect(with003)
  }, 120_000)

  it('are labelled as 003 states them, one after another, with traffic enough to detect in ~30 requests', () => {
    expect(with003.labels.map((l) => [l.id, l.type, l.direction, l.dimensions])).toEqual([
      ['003-1', 'system_errors', 'up', { operation: 'edit_pi', pi_type: 'mc', country: 'CA', partner: 'dime' }],
      ['003-2', 'latency', 'up', { operation: 'add_pi', pi_type: 'citizens_one_financing', region: 'centralus' }],
      ['003-3', 'user_errors', 'up', { operation: 'psd2_session' }],
      ['003-4', 'user_errors', 'up', { instance: 'eastus-07' }],
    ])
    expect(with003.labels[3]!.effect).toMatchObject({ rate: 0.95, status: 401 })
    for (let k = 1; k < 4; k++) expect(with003.labels[k]!.start >= with003.labels[k - 1]!.end).toBe(true)
    for (const l of with003.labels) expect(l.expected_requests).toBeGreaterThan(20)
    // at the default 30 requests/s over a week, each window carries 240 expected requests
    const week = createPxTraffic({ presets: ['003'] })
    for (const l of week.labels) {
      expect(l.expected_requests).toBeGreaterThanOrEqual(239.9)
      expect(l.start >= '2025-01-07').toBe(true)
    }
    expect(week.labels[0]!.expected_rpm).toBeGreaterThan(0.5)
  })

  it('change their own combination and window and nothing else', () => {
    expect(b.length).toBe(a.length)
    const within = with003.labels.map((l) => inside(with003, l))
    let changedOutside = 0
    for (let i = 0; i < a.length; i++) {
      const k = within.findIndex((f) => f(b, i))
      if (k < 0) {
        if (!same(a, i, b, i)) changedOutside++
      } else {
        expect(b.regression[i]).toBe(k)
        expect(a.time[i]).toBe(b.time[i])
        expect(a.user[i]).toBe(b.user[i])
      }
    }
    expect(changedOutside).toBe(0)
  })

  it('have the effect their labels state', () => {
    const [e1, e2, e3, e4] = with003.labels.map((l) => inside(with003, l)) as [(x: PxBatch, i: number) => boolean, (x: PxBatch, i: number) => boolean, (x: PxBatch, i: number) => boolean, (x: PxBatch, i: number) => boolean]
    const tally = { n1: 0, s5: 0, n2: 0, off: 0, n3: 0, s4: 0, n4: 0, s401: 0, other4: 0 }
    for (let i = 0; i < b.length; i++) {
      const s = b.status[i]!
      if (e1(b, i)) {
        tally.n1++
        if (s >= 500) tally.s5++
      } else if (e2(b, i)) {
        tally.n2++
        // the same request, three times slower (up to rounding)
        if (Math.abs(b.latency[i]! - 3 * a.latency[i]!) > 2) tally.off++
      } else if (e3(b, i)) {
        tally.n3++
        if (s >= 400 && s < 500) tally.s4++
      } else if (e4(b, i)) {
        tally.n4++
        if (s === 401) tally.s401++
        else if (s >= 400 && s < 500) tally.other4++
      }
    }
    near(tally.s5, tally.n1, 0.25)
    expect(tally.n2).toBeGreaterThan(100)
    expect(tally.off).toBe(0)
    near(tally.s4, tally.n3, 0.3)
    near(tally.s401, tally.n4, 0.95)
    expect(tally.other4).toBe(0)
    // the label's expected traffic is what came
    for (const [k, n] of [tally.n1, tally.n2, tally.n3, tally.n4].entries()) {
      const expected = with003.labels[k]!.expected_requests
      expect(Math.abs(n - expected)).toBeLessThan(0.2 * expected + 4 * Math.sqrt(expected))
    }
  })
})

describe('traffic regressions', () => {
  const base: PxTrafficConfigInput = { duration_minutes: 120, rate_per_second: 20 }
  const window = { start_offset_minutes: 40, duration_minutes: 40 }
  const run = (multiplier: number): { a: PxBatch; b: PxBatch; traffic: PxTraffic } => {
    const traffic = createPxTraffic({ ...base, scenarios: [{ id: 't', type: 'traffic', dimensions: { country: 'DE', operation: 'add_pi' }, effect: { multiplier }, ...window }] })
    return { a: collect(createPxTraffic(base)), b: collect(traffic), traffic }
  }

  /** Events of `x` outside the label's combination and window, and how many were inside. */
  const split = (traffic: PxTraffic, x: PxBatch): { outside: number[]; inside: number } => {
    const f = inside(traffic, traffic.labels[0]!)
    const outside: number[] = []
    let n = 0
    for (let i = 0; i < x.length; i++) {
      if (f(x, i)) n++
      else outside.push(i)
    }
    return { outside, inside: n }
  }

  it('a drop to zero removes every request of the combination in the window and nothing else', () => {
    const { a, b, traffic } = run(0)
    expect(traffic.labels[0]).toMatchObject({ type: 'traffic', direction: 'down', effect: { multiplier: 0 } })
    const sa = split(traffic, a)
    const sb = split(traffic, b)
    expect(sb.inside).toBe(0)
    expect(sa.inside).toBeGreaterThan(100)
    expect(sb.outside.length).toBe(sa.outside.length)
    expect(sa.outside.every((i, k) => same(a, i, b, sb.outside[k]!))).toBe(true)
  })

  it('a partial drop keeps its share of the requests, and they are the same requests', () => {
    const { a, b, traffic } = run(0.25)
    const sa = split(traffic, a)
    const sb = split(traffic, b)
    near(sb.inside, sa.inside, 0.25)
    expect(sa.outside.every((i, k) => same(a, i, b, sb.outside[k]!))).toBe(true)
    const times = new Set(Array.from(a.time))
    expect(Array.from(b.time).every((t) => times.has(t))).toBe(true)
  })

  it('a spike adds requests in the combination and window only, in event-time order', () => {
    const { a, b, traffic } = run(4)
    expect(traffic.labels[0]!.direction).toBe('up')
    const sa = split(traffic, a)
    const sb = split(traffic, b)
    expect(sb.outside.length).toBe(sa.outside.length)
    expect(sa.outside.every((i, k) => same(a, i, b, sb.outside[k]!, false))).toBe(true)
    const expected = 4 * sa.inside
    expect(Math.abs(sb.inside - expected)).toBeLessThan(5 * Math.sqrt(expected))
    for (let i = 1; i < b.length; i++) if (b.time[i]! < b.time[i - 1]!) throw new Error(`out of order at ${i}`)
  })
})

describe('random regressions', () => {
  it('are placed as asked: types in turn, 1–4 dimensions, traffic in range, overlapping combinations apart in time', () => {
    const traffic = createPxTraffic({ duration_minutes: 4 * 1440, random: { count: 40 } })
    const labels = traffic.labels
    expect(labels).toHaveLength(40 - traffic.config.skipped)
    expect(traffic.config.skipped).toBeLessThan(4)
    for (const type of ['system_errors', 'user_errors', 'latency', 'traffic']) expect(labels.filter((l) => l.type === type).length).toBeGreaterThanOrEqual(8)
    const dims = new Set(labels.map((l) => Object.keys(l.dimensions).length))
    expect([...dims].every((k) => k >= 1 && k <= 4)).toBe(true)
    expect(dims.size).toBeGreaterThanOrEqual(3)
    const warmupEnd = Date.parse('2025-01-07T00:00:00Z')
    for (const l of labels) {
      expect(l.source).toBe('random')
      expect(l.traffic_share * 30 * 60).toBeGreaterThanOrEqual(0.5)
      expect(l.traffic_share * 30 * 60).toBeLessThanOrEqual(120)
      expect(l.expected_requests).toBeGreaterThanOrEqual(59.9)
      expect(Date.parse(l.start)).toBeGreaterThanOrEqual(warmupEnd)
      if (l.type === 'traffic') expect(l.direction).toBe(l.effect.multiplier! < 1 ? 'down' : 'up')
      if (l.type === 'system_errors' || l.type === 'user_errors') expect(l.effect.rate!).toBeGreaterThan(2 * l.effect.baseline_rate!)
    }
    const gap = 60 * 60_000
    for (const x of labels) {
      for (const y of labels) {
        if (x === y) continue
        const apart = Date.parse(x.end) + gap <= Date.parse(y.start) || Date.parse(y.end) + gap <= Date.parse(x.start)
        if (!apart) expect(combinationsOverlap(traffic.model, toCombination(traffic.model, x.dimensions), toCombination(traffic.model, y.dimensions))).toBe(false)
      }
    }
    expect(createPxTraffic({ duration_minutes: 4 * 1440, random: { count: 40 } }).labels).toEqual(labels)
  })

  it('shape the requests their labels say', () => {
    const traffic = createPxTraffic({ duration_minutes: 720, rate_per_second: 20, random: { count: 8, duration_minutes: [20, 60], traffic_rpm: [5, 100] } })
    const batch = collect(traffic)
    const within = traffic.labels.map((l) => inside(traffic, l))
    const n = traffic.labels.map(() => 0)
    const hits = traffic.labels.map(() => 0)
    let stray = 0
    for (let i = 0; i < batch.length; i++) {
      const g = batch.regression[i]!
      const k = within.findIndex((f) => f(batch, i))
      if (k >= 0) n[k]!++
      if (g !== k) stray++
      if (k >= 0) {
        const l = traffic.labels[k]!
        const s = batch.status[i]!
        if ((l.type === 'system_errors' && s >= 500) || (l.type === 'user_errors' && s >= 400 && s < 500)) hits[k]!++
      }
    }
    expect(stray).toBe(0)
    traffic.labels.forEach((l, k) => {
      if (l.type === 'system_errors' || l.type === 'user_errors') near(hits[k]!, n[k]!, l.effect.rate!)
      if (l.type !== 'traffic') expect(Math.abs(n[k]! - l.expected_requests)).toBeLessThan(0.2 * l.expected_requests + 4 * Math.sqrt(l.expected_requests))
    })
  })
})

describe('regression config', () => {
  const bad = (config: unknown, message: RegExp): void => {
    let error: unknown
    try {
      createPxTraffic(config)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(InvalidInputError)
    expect((error as Error).message).toMatch(message)
  }
  const one = (scenario: Record<string, unknown>): unknown => ({ duration_minutes: 240, scenarios: [{ type: 'system_errors', dimensions: { country: 'CA' }, effect: { rate: 0.3 }, ...scenario }] })

  it('names the field of a bad regression', () => {
    bad(one({ dimensions: { country: 'XX' } }), /config\.scenarios\[0\]\.dimensions\.country 'XX' is not a simulated value; use one of US, GB/)
    bad(one({ dimensions: { colour: 'red' } }), /config\.scenarios\[0\]\.dimensions.*colour/)
    bad(one({ dimensions: { operation: 'psd2_session', country: 'US' } }), /carries no traffic/)
    bad(one({ effect: { rate: 0.001 } }), /effect\.rate must be above the combination's baseline 5xx rate/)
    bad(one({ effect: { rate: 0.5, status: 404 } }), /effect\.status must be a 5xx code/)
    bad(one({ type: 'latency', effect: { multiplier: 0.5 } }), /effect\.multiplier must be above 1/)
    bad(one({ type: 'traffic', effect: { multiplier: 1 } }), /must differ from 1/)
    bad(one({ start_offset_minutes: 500 }), /outside the simulated time/)
    bad({ ...(one({}) as object), colour: 1 }, /config\.colour is not a known field/)
    bad({ random: { count: 2, dimensions: [4, 1] } }, /config\.random\.dimensions must be \[min, max\]/)
  })

  it("accepts the schema's examples, and a regression of the whole service", () => {
    for (const example of (PxTrafficConfigInput as unknown as { examples: unknown[] }).examples) expect(createPxTraffic(example).labels.length).toBeGreaterThan(0)
    const whole = createPxTraffic({ duration_minutes: 60, rate_per_second: 5, scenarios: [{ type: 'latency', dimensions: {}, effect: { multiplier: 2 }, start_offset_minutes: 30, duration_minutes: 10 }] })
    expect(whole.labels[0]).toMatchObject({ dimensions: {}, traffic_share: 1 })
    const marked = [...whole.events({ labels: true })].flat().filter((e) => e.regression !== undefined)
    expect(marked.length).toBeGreaterThan(1000)
    expect(marked.every((e) => e.timestamp >= '2025-01-06T00:30' && e.timestamp < '2025-01-06T00:40')).toBe(true)
  })

  it('accepts every 003 example as a config scenario too', () => {
    const traffic = createPxTraffic({ duration_minutes: 240, scenarios: EXAMPLES_003.map((x, i) => ({ id: x.id, type: x.type, dimensions: x.dimensions, effect: { rate: x.rate, status: x.status, multiplier: x.multiplier }, start_offset_minutes: 60 * i, duration_minutes: 30 })) })
    expect(traffic.labels.map((l) => l.source)).toEqual(['config', 'config', 'config', 'config'])
  })
})
