import { describe, expect, it } from 'vitest'
import { createRng } from '../../src/math/random.js'
import {
  countChangePoint,
  countCusumEvidence,
  countCusumStep,
  createCountCusum,
  cusumThreshold,
  negativeBinomialLogLikelihoodRatio,
  negativeBinomialLogPmf,
  negativeBinomialLowerTail,
  poissonLogLikelihoodRatio,
  poissonLogPmf,
  poissonUpperTail,
  type CountCusumParams,
  type CountCusumState,
} from '../../src/stats/index.js'
import { negativeBinomial, poisson } from './samplers.js'

describe('count log-likelihood ratios', () => {
  it('are differences of log-pmfs', () => {
    expect(poissonLogLikelihoodRatio(14, 10, 1.5)).toBeCloseTo(poissonLogPmf(14, 15) - poissonLogPmf(14, 10), 12)
    expect(negativeBinomialLogLikelihoodRatio(14, 10, 1.5, 4)).toBeCloseTo(
      negativeBinomialLogPmf(14, 15, 4) - negativeBinomialLogPmf(14, 10, 4),
      10,
    )
    expect(negativeBinomialLogLikelihoodRatio(0, 10, 0, 4)).toBeCloseTo(-negativeBinomialLogPmf(0, 10, 4), 12)
    expect(poissonLogLikelihoodRatio(0, 7, 0)).toBe(7)
    expect(poissonLogLikelihoodRatio(1, 7, 0)).toBe(-Infinity)
  })
})

/** Alarms over `minutes` of counts drawn by `draw`, restarting after each alarm. */
function countAlarms(draw: () => number, expected: number, params: CountCusumParams, minutes: number): number {
  let state: CountCusumState = createCountCusum()
  let alarms = 0
  for (let at = 0; at < minutes; at++) {
    const step = countCusumStep(state, { count: draw(), expected, at }, params)
    state = step.alarm ? createCountCusum() : step.state
    if (step.alarm) alarms++
  }
  return alarms
}

describe('count CUSUM', () => {
  it('detects a spike within a few minutes and dates it', () => {
    const rng = createRng(3)
    const params = { ratio: 2, threshold: cusumThreshold(1e-5) }
    let state = createCountCusum()
    let alarmAt = -1
    for (let at = 0; at < 200 && alarmAt < 0; at++) {
      const step = countCusumStep(state, { count: poisson(rng, at >= 120 ? 30 : 10), expected: 10, at }, params)
      state = step.state
      if (step.alarm) {
        alarmAt = at
        const evidence = countCusumEvidence(state, params)
        expect(evidence.changeAt).toBeGreaterThanOrEqual(118)
        expect(evidence.countRatio).toBeGreaterThan(2)
        expect(evidence.pValue).toBeCloseTo(poissonUpperTail(state.count, state.expected), 12)
      }
    }
    expect(alarmAt).toBeGreaterThanOrEqual(120)
    expect(alarmAt).toBeLessThanOrEqual(123)
  })

  it('detects a drop to half and reports the lower-tail p-value', () => {
    const rng = createRng(4)
    let state = createCountCusum()
    for (let at = 0; at < 100; at++) {
      const params = { ratio: 0.5, threshold: cusumThreshold(1e-5), size: 50 }
      const step = countCusumStep(state, { count: poisson(rng, at >= 50 ? 20 : 40), expected: 40, at }, params)
      state = step.state
      if (step.alarm) {
        const evidence = countCusumEvidence(state, params)
        expect(at).toBeGreaterThanOrEqual(50)
        expect(evidence.changeAt).toBeGreaterThanOrEqual(48)
        expect(evidence.pValue).toBeLessThan(1e-5)
        // One negative binomial moment-matched to the sum of the per-minute ones.
        const size = (state.expected * state.expected) / state.excessVariance
        expect(evidence.pValue).toBeCloseTo(negativeBinomialLowerTail(state.count, state.expected, size), 12)
        return
      }
    }
    throw new Error('no alarm')
  })

  it('keeps over-dispersed traffic quiet with negative-binomial increments, where a Poisson CUSUM alarms', () => {
    const minutes = 20_000
    const params = { ratio: 1.5, threshold: cusumThreshold(1e-3) }
    const rngA = createRng(11)
    const poissonAlarms = countAlarms(() => negativeBinomial(rngA, 20, 5), 20, params, minutes)
    const rngB = createRng(11)
    const nbAlarms = countAlarms(() => negativeBinomial(rngB, 20, 5), 20, { ...params, size: 5 }, minutes)
    console.log(`20,000 minutes of negative-binomial traffic (mean 20, size 5), α = 1e-3: Poisson CUSUM ${poissonAlarms} alarms, negative-binomial CUSUM ${nbAlarms}`)
    expect(poissonAlarms).toBeGreaterThan(50)
    // Lorden: at most minutes·α = 20 false alarms expected; in practice far fewer.
    expect(nbAlarms).toBeLessThanOrEqual(20)
  })

  it('refuses a ratio of 1 and steps back in time', () => {
    expect(() => countCusumStep(createCountCusum(), { count: 1, expected: 1, at: 0 }, { ratio: 1, threshold: 5 })).toThrow(
      'ratio must differ from 1',
    )
    const state = countCusumStep(createCountCusum(), { count: 1, expected: 1, at: 5 }, { ratio: 2, threshold: 5 }).state
    expect(() => countCusumStep(state, { count: 1, expected: 1, at: 4 }, { ratio: 2, threshold: 5 })).toThrow('before the previous step')
  })
})

describe('change points of counts', () => {
  it('finds where traffic fell and where it rose', () => {
    const rng = createRng(21)
    const expected = Array.from({ length: 120 }, () => 12)
    const falling = expected.map((mu, t) => poisson(rng, t >= 90 ? mu * 0.3 : mu))
    expect(Math.abs(countChangePoint(falling, expected, 'down').index - 90)).toBeLessThanOrEqual(2)
    const rising = expected.map((mu, t) => poisson(rng, t >= 40 ? mu * 2 : mu))
    const up = countChangePoint(rising, expected, 'up')
    expect(Math.abs(up.index - 40)).toBeLessThanOrEqual(2)
    expect(up.observed / up.expected).toBeGreaterThan(1.7)
    expect(countChangePoint(expected, expected, 'up')).toEqual({ index: 120, llr: 0, observed: 0, expected: 0 })
  })

  it('dates an outage exactly: the first silent minute', () => {
    const expected = [3, 3, 3, 3, 3, 3]
    expect(countChangePoint([2, 4, 3, 0, 0, 0], expected, 'down').index).toBe(3)
  })
})
