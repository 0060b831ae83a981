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

  it('lets a sparse combination borrow its mature parent: judged against the parent\'s share and allowed to alarm with little history of its own', () => {
    // root 0, parent 1, sparse child 2 (one request in 50 of the parent's); parents[m] = position of the parent
    const run = (parents: Int32Array): RateBank => {
      const requests: RequestCounts = { values: new Float64Array(16) }
      const bank = new RateBank(requests, { threshold: Math.log(1e5) })
      bank.ensure(16)
      let time = 0
      const step = (combos: Int32Array, event: boolean): void => {
        time += 1000
        for (const c of combos) requests.values[c] = (requests.values[c] as number) + 1
        bank.observe(combos, 0, combos.length, event ? 1 : 0, time, parents)
      }
      const wide = Int32Array.from([0, 1])
      const all = Int32Array.from([0, 1, 2])
      // 4,000 requests of history at 1% errors, 80 of them (none an error) in the child
      for (let i = 0; i < 4000; i++) step(i % 50 === 49 ? all : wide, i % 100 === 37)
      // the child breaks: every other request of it fails, the parent's other traffic is fine
      for (let i = 0; i < 40; i++) step(all, i % 2 === 0)
      return bank
    }
    const borrowing = run(Int32Array.from([0, 0, 1]))
    expect(borrowing.isAlarmed(2)).toBe(true)
    const alarm = borrowing.pending.find((a) => a.combo === 2)
    // near the parent's 1% (the first failures of a young baseline count towards it), not the 50% now seen
    expect(alarm?.baseline).toBeLessThan(0.03)
    expect(alarm?.trialsSince).toBeLessThan(30)
  })
})
