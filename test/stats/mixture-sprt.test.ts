import { describe, expect, it } from 'vitest'
import { createRng } from '../../src/math/random.js'
import {
  betaFromMean,
  binomialUpperTail,
  createMixtureSprt,
  liftAlternative,
  mixtureLogLikelihoodRatio,
  mixtureSprtStep,
  type MixtureSprtState,
} from '../../src/stats/index.js'
import { binomial } from './samplers.js'

/** ∫_p0^1 (p/p0)^e ((1−p)/(1−p0))^(n−e) π(p) dp / ∫_p0^1 π(p) dp by Simpson's rule (the definition, not the closed form). */
function integrated(errors: number, requests: number, p0: number, a: number, b: number): number {
  const steps = 20_000
  const h = (1 - p0) / steps
  let num = 0
  let den = 0
  for (let i = 0; i <= steps; i++) {
    const p = Math.min(p0 + i * h, 1 - 1e-15)
    const weight = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2
    const prior = Math.pow(p, a - 1) * Math.pow(1 - p, b - 1)
    const ratio = Math.exp(errors * Math.log(p / p0) + (requests - errors) * Math.log((1 - p) / (1 - p0)))
    num += weight * prior * ratio
    den += weight * prior
  }
  return num / den
}

describe('mixture SPRT (always-valid p-value)', () => {
  it('has the closed form of the truncated beta mixture', () => {
    for (const [errors, requests] of [[0, 10], [3, 20], [7, 30]] as const) {
      const closed = mixtureLogLikelihoodRatio(errors, requests, 0.01, { a: 2, b: 8 })
      expect(closed).toBeCloseTo(Math.log(integrated(errors, requests, 0.01, 2, 8)), 6)
    }
  })

  it('stays valid under continuous monitoring, where peeking at a fixed test does not (simulated at α = 0.05)', () => {
    const rng = createRng(5)
    const alpha = 0.05
    const p0 = 0.05
    const streams = 1000
    let mixtureFalse = 0
    let peekingFalse = 0
    for (let s = 0; s < streams; s++) {
      let state: MixtureSprtState = createMixtureSprt(p0, betaFromMean(liftAlternative(p0), 10))
      let rejected = false
      let peeked = false
      for (let minute = 0; minute < 50; minute++) {
        const step = mixtureSprtStep(state, { errors: binomial(rng, 10, p0), requests: 10, at: minute }, alpha)
        state = step.state
        rejected ||= step.reject
        peeked ||= binomialUpperTail(state.errors, state.requests, p0) <= alpha
      }
      if (rejected) mixtureFalse++
      if (peeked) peekingFalse++
    }
    console.log(`healthy streams, 50 looks at α = ${alpha}: mixture SPRT false alarms ${mixtureFalse / streams}, peeking at a fixed test ${peekingFalse / streams}`)
    expect(mixtureFalse / streams).toBeLessThanOrEqual(alpha)
    expect(peekingFalse / streams).toBeGreaterThan(2 * alpha)
  })

  it('detects 1 % → 20 % in a few dozen requests at α = 1e-5', () => {
    const rng = createRng(6)
    const runs = 500
    const needed: number[] = []
    for (let r = 0; r < runs; r++) {
      let state = createMixtureSprt(0.01, betaFromMean(0.2, 10))
      for (let n = 1; ; n++) {
        const step = mixtureSprtStep(state, { errors: rng.next() < 0.2 ? 1 : 0, requests: 1, at: n }, 1e-5)
        state = step.state
        if (step.reject) {
          expect(step.evidence.pValue).toBeLessThanOrEqual(1e-5)
          expect(step.evidence.rateRatio).toBeGreaterThan(5)
          needed.push(n)
          break
        }
      }
    }
    const mean = needed.reduce((sum, n) => sum + n, 0) / runs
    const p90 = needed.sort((a, b) => a - b)[Math.ceil(0.9 * runs) - 1]
    console.log(`mixture SPRT, Beta(mean 0.2, weight 10), 1 % → 20 % at α = 1e-5: mean ${mean.toFixed(1)}, p90 ${p90} requests (${runs} runs)`)
    expect(mean).toBeLessThan(60)
  })

  it('keeps the p-value non-increasing and refuses steps back in time', () => {
    let state = createMixtureSprt(0.02, { a: 1, b: 9 })
    let last = 1
    for (const [errors, at] of [[1, 0], [0, 1], [0, 2], [2, 3]] as const) {
      state = mixtureSprtStep(state, { errors, requests: 10, at }, 0.01).state
      expect(state.pValue).toBeLessThanOrEqual(last)
      last = state.pValue
    }
    expect(() => mixtureSprtStep(state, { errors: 0, requests: 1, at: 1 }, 0.01)).toThrow('before the previous step')
    expect(() => createMixtureSprt(0.999999, { a: 1, b: 1e6 })).toThrow('has no mass above p0')
  })
})
