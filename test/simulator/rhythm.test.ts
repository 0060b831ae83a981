import { describe, expect, it } from 'vitest'
import { createRng } from '../../src/math/random.js'
import { BurstSchedule } from '../../src/simulator/bursts.js'
import { rhythm } from '../../src/simulator/rhythm.js'
import { take } from './take.js'

const HOUR = 3_600_000
const MONDAY = Date.UTC(2025, 0, 6)

describe('daily and weekly rhythm', () => {
  it('averages 1 over a week, is quiet at night and lighter at weekends', () => {
    let sum = 0
    for (let h = 0; h < 24 * 7; h++) sum += rhythm(MONDAY + h * HOUR)
    expect(sum / (24 * 7)).toBeCloseTo(1, 6)
    expect(rhythm(MONDAY + 3 * HOUR)).toBeLessThan(0.2 * rhythm(MONDAY + 12 * HOUR))
    expect(rhythm(MONDAY + 5 * 24 * HOUR + 12 * HOUR)).toBeLessThan(rhythm(MONDAY + 12 * HOUR)) // Saturday noon < Monday noon
  })

  it('shapes the generated traffic: a day of rows has several times more at noon than at 3 am', () => {
    const rows = take(40_000, { log_generation: { logs_per_second: 0.4, burst_simulation: false }, global_anomaly_rate: 0 })
    const byHour = new Array<number>(24).fill(0)
    for (const r of rows) {
      if (Date.parse(r.timestamp) < MONDAY + 24 * HOUR) byHour[new Date(r.timestamp).getUTCHours()]++
    }
    const night = (byHour[2] as number) + (byHour[3] as number) + (byHour[4] as number)
    const midday = (byHour[11] as number) + (byHour[12] as number) + (byHour[13] as number)
    expect(midday).toBeGreaterThan(4 * night)
  })

  it('bursts multiply traffic for a while, then stop', () => {
    const bursts = new BurstSchedule({ enabled: true, intervalMinutes: 10, durationSeconds: 60, multiplier: 4 }, createRng(1), MONDAY)
    const factors = Array.from({ length: 6 * 60 * 24 }, (_, i) => bursts.factor(MONDAY + i * 10_000))
    const share = factors.filter((f) => f === 4).length / factors.length
    expect(new Set(factors)).toEqual(new Set([1, 4]))
    expect(share).toBeGreaterThan(0.04)
    expect(share).toBeLessThan(0.2)
    const off = new BurstSchedule({ enabled: false, intervalMinutes: 10, durationSeconds: 60, multiplier: 4 }, createRng(1), MONDAY)
    expect(off.factor(MONDAY + HOUR)).toBe(1)
  })
})
