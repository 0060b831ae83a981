import { describe, expect, it } from 'vitest'
import { createRng } from '../../src/math/random.js'
import {
  betaBinomialLogLikelihoodRatio,
  binomialChangePoint,
  binomialCusumEvidence,
  binomialCusumStep,
  binomialLogLikelihoodRatio,
  binomialUpperTail,
  createBinomialCusum,
  cusumThreshold,
  type BinomialCusumState,
} from '../../src/stats/index.js'
import { bernoulli, binomial } from './samplers.js'

describe('binomial CUSUM', () => {
  it('uses h = ln(1/α)', () => {
    expect(cusumThreshold(1e-5)).toBeCloseTo(11.512925464970229, 12)
    expect(() => cusumThreshold(0)).toThrow('alpha must be in (0, 1), got 0')
  })

  it('never goes below zero and restarts the change point when the evidence is gone', () => {
    const params = { p0: 0.01, p1: 0.2, threshold: cusumThreshold(1e-5) }
    let state = createBinomialCusum()
    state = binomialCusumStep(state, { errors: 1, requests: 1, at: 10 }, params).state
    expect(state).toMatchObject({ changeAt: 10, errors: 1, requests: 1 })
    expect(state.statistic).toBeCloseTo(Math.log(20), 12)
    state = binomialCusumStep(state, { errors: 0, requests: 5, at: 11 }, params).state
    expect(state.changeAt).toBe(10)
    expect(state.statistic).toBeCloseTo(binomialLogLikelihoodRatio(1, 6, 0.01, 0.2), 12)
    state = binomialCusumStep(state, { errors: 0, requests: 50, at: 12 }, params).state
    expect(state).toEqual({ statistic: 0, changeAt: null, at: 12, errors: 0, requests: 0, expectedErrors: 0 })
  })

  it('estimates when the rate changed: its own change point when tuned to the size, the GLR fit otherwise', () => {
    const tuned: number[] = []
    const fitted: number[] = []
    for (let seed = 1; seed <= 25; seed++) {
      const rng = createRng(seed)
      const errors: number[] = []
      const requests: number[] = []
      let matched: BinomialCusumState = createBinomialCusum()
      let small: BinomialCusumState = createBinomialCusum()
      let matchedDone = false
      for (let minute = 0; minute < 400; minute++) {
        const aggregate = { errors: binomial(rng, 30, minute >= 300 ? 0.2 : 0.01), requests: 30, at: minute }
        errors.push(aggregate.errors)
        requests.push(aggregate.requests)
        const a = binomialCusumStep(matched, aggregate, { p0: 0.01, p1: 0.2, threshold: cusumThreshold(1e-5) })
        matched = a.state
        if (a.alarm && !matchedDone) {
          matchedDone = true
          expect(minute).toBeGreaterThanOrEqual(300)
          const evidence = binomialCusumEvidence(matched, cusumThreshold(1e-5))
          tuned.push(Math.abs((evidence.changeAt ?? NaN) - 300))
          expect(evidence.pValue).toBeCloseTo(binomialUpperTail(matched.errors, matched.requests, 0.01), 12)
          expect(evidence.observedRate).toBeGreaterThan(0.1)
          expect(evidence.rateRatio).toBeCloseTo(evidence.observedRate / 0.01, 10)
        }
        const b = binomialCusumStep(small, aggregate, { p0: 0.01, p1: 0.03, threshold: cusumThreshold(1e-5) })
        small = b.state
        if (b.alarm) {
          expect(minute).toBeGreaterThanOrEqual(300)
          fitted.push(Math.abs(binomialChangePoint(errors, requests, 0.01).index - 300))
          break
        }
      }
    }
    expect(tuned).toHaveLength(25)
    expect(fitted).toHaveLength(25)
    expect(tuned.sort((a, b) => a - b)[12]).toBeLessThanOrEqual(1)
    expect(fitted.sort((a, b) => a - b)[12]).toBeLessThanOrEqual(1)
    expect(Math.max(...fitted)).toBeLessThanOrEqual(5)
  })

  it('averages at least 1/α steps between false alarms (Lorden), simulated at α = 0.01', () => {
    const rng = createRng(99)
    const params = { p0: 0.05, p1: 0.2, threshold: cusumThreshold(0.01) }
    let alarms = 0
    let state = createBinomialCusum()
    const steps = 200_000
    for (let n = 0; n < steps; n++) {
      const step = binomialCusumStep(state, { errors: bernoulli(rng, 0.05), requests: 1, at: n }, params)
      state = step.alarm ? createBinomialCusum() : step.state
      if (step.alarm) alarms++
    }
    expect(steps / Math.max(alarms, 1)).toBeGreaterThanOrEqual(100)
  })

  it('is slower to alarm on a one-minute burst with beta-binomial increments', () => {
    const burst = { errors: 6, requests: 40 }
    const binomialEvidence = binomialLogLikelihoodRatio(burst.errors, burst.requests, 0.01, 0.05)
    const wobbly = betaBinomialLogLikelihoodRatio(burst.errors, burst.requests, 0.01, 0.05, 50)
    expect(wobbly).toBeLessThan(binomialEvidence)
    expect(betaBinomialLogLikelihoodRatio(6, 40, 0.01, 0.05, 1e7)).toBeCloseTo(binomialEvidence, 3)
    const step = binomialCusumStep(createBinomialCusum(), { ...burst, at: 0 }, { p0: 0.01, p1: 0.05, threshold: 20, concentration: 50 })
    expect(step.state.statistic).toBeCloseTo(wobbly, 12)
  })
})
