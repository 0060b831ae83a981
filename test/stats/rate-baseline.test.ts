import { describe, expect, it } from 'vitest'
import { createRng } from '../../src/math/random.js'
import {
  ageRateBaseline,
  createRateBaseline,
  estimatePriorStrength,
  rateBaselinePosterior,
  updateRateBaseline,
  type RateBaselineState,
} from '../../src/stats/index.js'
import { beta, binomial } from './samplers.js'

describe('rate baseline', () => {
  it('is the Beta posterior of the parent prior plus own counts', () => {
    const state = updateRateBaseline(createRateBaseline(), { errors: 5, requests: 50, at: 0 }, 60)
    const posterior = rateBaselinePosterior(state, { mean: 0.02, strength: 100 })
    expect(posterior.a).toBeCloseTo(7, 12)
    expect(posterior.b).toBeCloseTo(143, 12)
    expect(posterior.mean).toBeCloseTo(7 / 150, 12)
    expect(posterior.sd).toBeCloseTo(Math.sqrt(((7 / 150) * (143 / 150)) / 151), 12)
    expect(posterior.shrinkage).toBeCloseTo(100 / 150, 12)
  })

  it('borrows from the parent when sparse and follows its own history when busy', () => {
    const prior = { mean: 0.02, strength: 200 }
    const sparse = updateRateBaseline(createRateBaseline(), { errors: 0, requests: 10, at: 0 }, 1440)
    const busy = updateRateBaseline(createRateBaseline(), { errors: 50, requests: 100_000, at: 0 }, 1440)
    expect(rateBaselinePosterior(sparse, prior).mean).toBeGreaterThan(0.019)
    expect(rateBaselinePosterior(busy, prior).mean).toBeLessThan(0.001)
  })

  it('halves old counts every half-life, whatever order aggregates arrive in', () => {
    let state = updateRateBaseline(createRateBaseline(), { errors: 10, requests: 100, at: 0 }, 60)
    expect(ageRateBaseline(state, 60, 60)).toEqual({ errors: 5, requests: 50, at: 60 })
    state = updateRateBaseline(state, { errors: 0, requests: 0, at: 120 }, 60)
    expect(state).toEqual({ errors: 2.5, requests: 25, at: 120 })

    const aggregates = [
      { errors: 1, requests: 20, at: 3 },
      { errors: 0, requests: 15, at: 7 },
      { errors: 4, requests: 30, at: 5 },
      { errors: 2, requests: 10, at: 9 },
    ]
    const fold = (list: typeof aggregates): RateBaselineState =>
      list.reduce((s, a) => updateRateBaseline(s, a, 10), createRateBaseline())
    const inOrder = fold([...aggregates].sort((x, y) => x.at - y.at))
    const shuffled = fold(aggregates)
    expect(shuffled.at).toBe(9)
    expect(shuffled.errors).toBeCloseTo(inOrder.errors, 12)
    expect(shuffled.requests).toBeCloseTo(inOrder.requests, 12)
  })

  it('names the bad value', () => {
    expect(() => updateRateBaseline(createRateBaseline(), { errors: 3, requests: 2, at: 0 }, 60)).toThrow(
      'errors (3) cannot exceed requests (2)',
    )
    expect(() => updateRateBaseline(createRateBaseline(), { errors: 0, requests: 2, at: 0 }, 0)).toThrow(
      'halfLife must be a finite number > 0, got 0',
    )
  })
})

describe('empirical Bayes prior strength', () => {
  it('recovers the concentration of children drawn from Beta(mean 2 %, m = 50)', () => {
    const rng = createRng(8)
    const estimates: number[] = []
    for (let rep = 0; rep < 5; rep++) {
      const children = Array.from({ length: 300 }, (_, i) => {
        const requests = 20 + ((i * 37) % 480)
        return { errors: binomial(rng, requests, beta(rng, 0.02 * 50, 0.98 * 50)), requests }
      })
      const prior = estimatePriorStrength(children)
      expect(prior.mean).toBeGreaterThan(0.015)
      expect(prior.mean).toBeLessThan(0.025)
      estimates.push(prior.strength)
    }
    const median = estimates.sort((a, b) => a - b)[2] ?? NaN
    console.log(`prior strength estimated from 300 children drawn with m = 50: ${estimates.map((m) => m.toFixed(0)).join(', ')}`)
    expect(median).toBeGreaterThan(30)
    expect(median).toBeLessThan(80)
  })

  it('pulls hard when children differ no more than sampling noise, and falls back with one child', () => {
    const rng = createRng(9)
    const alike = Array.from({ length: 200 }, () => ({ errors: binomial(rng, 300, 0.02), requests: 300 }))
    expect(estimatePriorStrength(alike).strength).toBeGreaterThan(1000)
    expect(estimatePriorStrength([{ errors: 1, requests: 10 }])).toMatchObject({ mean: 0.1, strength: 100 })
    expect(estimatePriorStrength([])).toMatchObject({ mean: 0.01, strength: 100 })
  })
})
