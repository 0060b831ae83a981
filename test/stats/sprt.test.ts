import { describe, expect, it } from 'vitest'
import { createRng, type Rng } from '../../src/math/random.js'
import {
  binomialLogLikelihoodRatio,
  createSprt,
  liftAlternative,
  sprtAverageSampleNumber,
  sprtBoundaries,
  sprtStep,
  type SprtDecision,
  type SprtState,
} from '../../src/stats/index.js'
import { bernoulli } from './samplers.js'

/** Run one SPRT request by request at true rate `rate` until it decides. */
function runOnce(rate: number, p0: number, p1: number, alpha: number, beta: number, rng: Rng): { n: number; decision: SprtDecision } {
  let state: SprtState = createSprt()
  for (let n = 1; ; n++) {
    const errors = bernoulli(rng, rate)
    const step = sprtStep(state, { errors, requests: 1, at: n }, { p0, p1 }, { alpha, beta })
    state = step.state
    if (step.decision !== 'continue') return { n, decision: step.decision }
  }
}

describe('SPRT', () => {
  it("has Wald's boundaries A = (1 − β)/α and B = β/(1 − α)", () => {
    const { upper, lower } = sprtBoundaries(1e-5, 0.1)
    expect(upper).toBeCloseTo(Math.log(0.9 / 1e-5), 12)
    expect(lower).toBeCloseTo(Math.log(0.1 / (1 - 1e-5)), 12)
    expect(() => sprtBoundaries(0.6, 0.5)).toThrow('alpha + beta must be < 1')
  })

  it('adds per-aggregate log-likelihood ratios and reports the evidence', () => {
    let state = createSprt()
    const rates = { p0: 0.01, p1: 0.2 }
    const options = { alpha: 1e-5, beta: 0.1 }
    const first = sprtStep(state, { errors: 1, requests: 4, at: 100 }, rates, options)
    state = first.state
    const second = sprtStep(state, { errors: 2, requests: 5, at: 101 }, rates, options)
    expect(second.state.llr).toBeCloseTo(binomialLogLikelihoodRatio(3, 9, 0.01, 0.2), 12)
    expect(second.evidence).toMatchObject({ startedAt: 100, errors: 3, requests: 9, baselineRate: 0.01 })
    expect(second.evidence.rateRatio).toBeCloseTo(3 / 9 / 0.01, 10)
    expect(second.evidence.pValue).toBeCloseTo(Math.exp(-second.state.maxLlr), 12)
    expect(() => sprtStep(second.state, { errors: 0, requests: 1, at: 99 }, rates, options)).toThrow('before the previous step')
  })

  it('decides H1 after enough errors and H0 after enough clean requests', () => {
    const rates = { p0: 0.01, p1: 0.2 }
    const options = { alpha: 1e-5, beta: 0.1 }
    // ln(20) ≈ 3.0 per error: 4 straight errors pass ln(0.9e5) ≈ 11.4.
    expect(sprtStep(createSprt(), { errors: 4, requests: 4, at: 0 }, rates, options).decision).toBe('reject_h0')
    // −0.21 per success: 11 clean requests pass ln(0.1) ≈ −2.3.
    expect(sprtStep(createSprt(), { errors: 0, requests: 11, at: 0 }, rates, options).decision).toBe('accept_h0')
    expect(sprtStep(createSprt(), { errors: 0, requests: 10, at: 0 }, rates, options).decision).toBe('continue')
  })

  it("needs about Wald's 23.4 requests for 1 % → 20 % at α = 1e-5, β = 0.1 (simulated)", () => {
    const asn = sprtAverageSampleNumber(0.01, 0.2, 1e-5, 0.1)
    expect(asn.underH1).toBeCloseTo(23.4, 1)
    const rng = createRng(20240601)
    const runs = 4000
    let total = 0
    let alarms = 0
    for (let r = 0; r < runs; r++) {
      const { n, decision } = runOnce(0.2, 0.01, 0.2, 1e-5, 0.1, rng)
      total += n
      if (decision === 'reject_h0') alarms++
    }
    const mean = total / runs
    // Wald's formula ignores the overshoot past the boundary (each error jumps by ln 20 ≈ 3),
    // so the simulated mean sits a little above it: 26.2 in a 20,000-run check.
    expect(mean).toBeGreaterThan(asn.underH1)
    expect(mean).toBeLessThan(asn.underH1 * 1.2)
    // Power 1 − β = 0.9 at the alternative.
    expect(alarms / runs).toBeGreaterThan(0.88)
  })

  it('keeps false alarms below α when the rate is p0 (simulated at α = 0.01)', () => {
    const rng = createRng(7)
    const runs = 20_000
    let alarms = 0
    for (let r = 0; r < runs; r++) {
      if (runOnce(0.05, 0.05, 0.2, 0.01, 0.1, rng).decision === 'reject_h0') alarms++
    }
    expect(alarms / runs).toBeLessThanOrEqual(0.01)
  })

  it('lifts the baseline by max(2·p0, p0 + δ)', () => {
    expect(liftAlternative(0.01)).toBeCloseTo(0.03, 12)
    expect(liftAlternative(0.2)).toBeCloseTo(0.4, 12)
    expect(liftAlternative(0.01, { ratio: 20, minDelta: 0 })).toBeCloseTo(0.2, 12)
    expect(liftAlternative(0.7)).toBe(0.999)
  })
})

describe('binomial log-likelihood ratio', () => {
  it('is the difference of the two binomial log-likelihoods', () => {
    const e = 3
    const n = 40
    const direct = e * Math.log(0.2 / 0.01) + (n - e) * Math.log(0.8 / 0.99)
    expect(binomialLogLikelihoodRatio(e, n, 0.01, 0.2)).toBeCloseTo(direct, 12)
  })
})
