import { describe, expect, it } from 'vitest'
import { createPxTraffic, pacedBatches } from '../../../src/simulator/px/index.js'

describe('pacedBatches', () => {
  const traffic = createPxTraffic({ duration_minutes: 10, rate_per_second: 20 })
  const total = [...traffic.batches()].reduce((s, b) => s + b.length, 0)

  it('as fast as possible: every request, in order, without waiting', async () => {
    const waits: number[] = []
    let n = 0
    let last = -Infinity
    for await (const batch of pacedBatches(traffic, { wait: async (ms) => void waits.push(ms) })) {
      expect(batch.time[0]!).toBeGreaterThanOrEqual(last)
      last = batch.time[batch.length - 1]!
      n += batch.length
    }
    expect(n).toBe(total)
    expect(waits).toEqual([])
  })

  it('paced: hands each batch over when the (scaled) wall clock reaches its last request', async () => {
    let clock = 0
    const waits: number[] = []
    const speed = 60
    let n = 0
    let batches = 0
    const start = traffic.config.timeline.startMs
    for await (const batch of pacedBatches(traffic, { speed, now: () => clock, wait: async (ms) => void (waits.push(ms), (clock += ms)) })) {
      // never early: the clock has passed the batch's last request
      expect(clock).toBeGreaterThanOrEqual((batch.time[batch.length - 1]! - start) / speed - 1e-6)
      // small batches: at most a quarter second of wall time each
      expect(batch.time[batch.length - 1]! - batch.time[0]!).toBeLessThan(250 * speed)
      n += batch.length
      batches++
    }
    expect(n).toBe(total)
    expect(batches).toBeGreaterThan(35)
    // ten simulated minutes at 60× take ten wall seconds
    expect(clock).toBeGreaterThan(9_000)
    expect(clock).toBeLessThanOrEqual(10_000)
  })

  it('stops when the signal aborts', async () => {
    const controller = new AbortController()
    let batches = 0
    for await (const batch of pacedBatches(traffic, { maxEvents: 100, signal: controller.signal })) {
      expect(batch.length).toBeGreaterThan(0)
      batches++
      if (batches === 3) controller.abort()
    }
    expect(batches).toBe(3)
  })

  it('rejects a speed that is not positive', async () => {
    await expect(pacedBatches(traffic, { speed: 0 }).next()).rejects.toThrow(/speed must be > 0/)
  })
})
