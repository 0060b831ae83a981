import { describe, expect, it } from 'vitest'
import { RateBank, type RequestCounts } from '../../src/monitors/rate-bank.js'

/** Feed `n` requests to the root and one far combination (another state page), every `every`-th an event. */
function feed(bank: RateBank, requests: RequestCounts, combos: Int32Array, n: number, every: number, start: number): number {
  let time = start
  for (let i = 0; i < n; i++) {
    time += 100
    for (const c of combos) requests.values[c] = (requests.values[c] as number) + 1
    bank.observe(combos, 0, combos.length, i % every === every - 1 ? 1 : 0, time)
  }
  return time
}

describe('RateBank', () => {
  it('counts trials from the shared requests minus skipped, per combination, across state pages', () => {
    const requests: RequestCounts = { values: new Float64Array(40_000) }
    const bank = new RateBank(requests)
    bank.ensure(40_000)
    const combos = Int32Array.from([0, 37_123])
    const t = feed(bank, requests, combos, 1000, 100, 0)
    for (const c of combos) requests.values[c] = (requests.values[c] as number) + 1
    bank.observe(combos, 0, 2, -1, t + 1)
    expect([bank.trialsOf(0), bank.trialsOf(37_123), bank.eventsOf(37_123)]).toEqual([1000, 1000, 10])
    expect(bank.trialsOf(12)).toBe(0)
  })

  it('alarms once the share of events jumps, on a combination of a later page, and not before', () => {
    const requests: RequestCounts = { values: new Float64Array(40_000) }
    const bank = new RateBank(requests, { threshold: Math.log(1e5) })
    bank.ensure(40_000)
    const combos = Int32Array.from([0, 33_000])
    const t = feed(bank, requests, combos, 5000, 100, 0)
    expect(bank.pending).toHaveLength(0)
    feed(bank, requests, combos, 200, 3, t)
    const alarmed = bank.pending.map((a) => a.combo)
    expect(alarmed).toContain(33_000)
    expect(bank.isAlarmed(33_000)).toBe(true)
    const alarm = bank.pending.find((a) => a.combo === 33_000)
    expect(alarm?.baseline).toBeGreaterThan(0.005)
    expect(alarm?.baseline).toBeLessThan(0.02)
    expect(alarm?.startedAt).toBeGreaterThanOrEqual(t)
  })
})
