import { describe, expect, it } from 'vitest'
import { createRng } from '../../src/math/random.js'
import {
  calendarHours,
  createCountBaseline,
  createSeasonalProfile,
  expectedCount,
  seasonalFactor,
  updateCountBaseline,
  updateSeasonalProfile,
  type CountBaselineState,
  type SeasonalProfileState,
} from '../../src/stats/index.js'
import { negativeBinomial, poisson } from './samplers.js'

const MONDAY = Date.UTC(2024, 0, 1) / 60_000

/** A weekly shape: busy weekday afternoons, quiet nights and weekends. */
function shape(minute: number): number {
  const { hourOfWeek, hourOfDay } = calendarHours(minute)
  const weekend = hourOfWeek >= 120 ? 0.5 : 1
  return weekend * (0.3 + 1.4 * Math.max(0, Math.sin((Math.PI * (hourOfDay - 6)) / 14)))
}

function learn(minutes: number, rate: (minute: number) => number, seed: number): SeasonalProfileState {
  const rng = createRng(seed)
  let profile = createSeasonalProfile()
  for (let m = MONDAY; m < MONDAY + minutes; m++) profile = updateSeasonalProfile(profile, poisson(rng, rate(m)), m)
  return profile
}

describe('calendar hours', () => {
  it('counts the week from Monday 00:00 local time', () => {
    expect(calendarHours(MONDAY)).toEqual({ hourOfWeek: 0, hourOfDay: 0 })
    expect(calendarHours(Date.UTC(2024, 0, 7, 23, 30) / 60_000)).toEqual({ hourOfWeek: 167, hourOfDay: 23 })
    expect(calendarHours(Date.UTC(2023, 11, 31, 23, 30) / 60_000, 60)).toEqual({ hourOfWeek: 0, hourOfDay: 0 })
    expect(calendarHours(Date.UTC(2024, 0, 3, 14, 5) / 60_000)).toEqual({ hourOfWeek: 2 * 24 + 14, hourOfDay: 14 })
  })
})

describe('seasonal profile', () => {
  it('recovers the weekly shape from three weeks of minutes', () => {
    const profile = learn(3 * 7 * 1440, (m) => 20 * shape(m), 1)
    let mean = 0
    for (let h = 0; h < 168; h++) mean += shape(MONDAY + h * 60) / 168
    for (const hour of [3, 14, 40, 130, 160]) {
      const minute = MONDAY + hour * 60 + 30
      const factor = seasonalFactor(profile, minute)
      expect(factor.source).toBe('hour_of_week')
      // The shape at the bucket's middle vs the bucket average: within 12 % on 3 × 60 noisy minutes.
      const truth = shape(minute) / mean
      expect(Math.abs(factor.factor - truth) / truth).toBeLessThan(0.12)
    }
  })

  it('falls back to the day profile, then to the level alone', () => {
    const twoDays = learn(2 * 1440, (m) => 20 * shape(m), 2)
    expect(seasonalFactor(twoDays, MONDAY + 3 * 1440 + 14 * 60).source).toBe('hour_of_day')
    const tenHours = learn(10 * 60, (m) => 20 * shape(m), 3)
    expect(seasonalFactor(tenHours, MONDAY + 5 * 60)).toEqual({ factor: 1, source: 'level' })
    expect(seasonalFactor(createSeasonalProfile(), MONDAY)).toEqual({ factor: 1, source: 'level' })
  })

  it('never expects less than minFactor of the level', () => {
    const nightsOff = learn(7 * 1440 * 2, (m) => (calendarHours(m).hourOfDay < 6 ? 0 : 10), 4)
    expect(seasonalFactor(nightsOff, MONDAY + 3 * 60)).toEqual({ factor: 0.05, source: 'hour_of_week' })
  })
})

describe('count baseline', () => {
  it('tracks the level and recovers the over-dispersion of negative-binomial traffic', () => {
    const rng = createRng(12)
    let state: CountBaselineState = createCountBaseline()
    for (let at = 0; at < 20_000; at++) state = updateCountBaseline(state, { count: negativeBinomial(rng, 20, 5), factor: 1, at })
    const forecast = expectedCount(state, 1, 20_000)
    expect(forecast.ready).toBe(true)
    expect(forecast.mean).toBeGreaterThan(16)
    expect(forecast.mean).toBeLessThan(24)
    expect(forecast.size).toBeGreaterThan(3.5)
    expect(forecast.size).toBeLessThan(7)
    expect(expectedCount(state, 2.5, 20_000).mean).toBeCloseTo(forecast.mean * 2.5, 10)
  })

  it('sees no over-dispersion in Poisson traffic', () => {
    const rng = createRng(13)
    let state = createCountBaseline()
    for (let at = 0; at < 20_000; at++) state = updateCountBaseline(state, { count: poisson(rng, 20), factor: 1, at })
    expect(expectedCount(state, 1, 20_000).size).toBeGreaterThan(50)
  })

  it('counts skipped steps as zeros, exactly as if they had been reported', () => {
    let gapped = updateCountBaseline(createCountBaseline(), { count: 10, factor: 1, at: 0 })
    let explicit = gapped
    gapped = updateCountBaseline(gapped, { count: 7, factor: 2, at: 11 })
    for (let at = 1; at <= 10; at++) explicit = updateCountBaseline(explicit, { count: 0, factor: 1, at })
    explicit = updateCountBaseline(explicit, { count: 7, factor: 2, at: 11 })
    expect(gapped.level).toBeCloseTo(explicit.level, 12)
    expect(gapped.weight).toBeCloseTo(explicit.weight, 12)
    expect(expectedCount(gapped, 1, 20).mean).toBeCloseTo(expectedCount(explicit, 1, 20).mean, 12)
  })

  it('is not ready before minWeight steps and refuses steps out of order', () => {
    let state = createCountBaseline()
    for (let at = 0; at < 10; at++) state = updateCountBaseline(state, { count: 5, factor: 1, at })
    const early = expectedCount(state, 1, 10)
    expect(early).toMatchObject({ ready: false, size: Infinity })
    expect(early.mean).toBeCloseTo(5, 12)
    expect(() => updateCountBaseline(state, { count: 5, factor: 1, at: 9 })).toThrow('step 9 is not after the previous step 9')
  })
})
