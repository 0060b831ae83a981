import { describe, expect, it } from 'vitest'
import {
  betaBinomialInterval,
  betaBinomialLogLikelihood,
  betaBinomialLogPmf,
  betaBinomialUpperTail,
  binomialLogPmf,
  binomialLowerTail,
  binomialUpperTail,
  logBeta,
  logGamma,
  negativeBinomialLogPmf,
  negativeBinomialLowerTail,
  negativeBinomialUpperTail,
  normalCdf,
  normalQuantile,
  normalUpperTail,
  poissonLogPmf,
  poissonLowerTail,
  poissonUpperTail,
  regularizedBeta,
  regularizedGamma,
} from '../../src/stats/index.js'

/** Relative closeness: |a − b| ≤ tol·|b| (exact for tails of 1e-27). */
function expectRelative(actual: number, expected: number, tol = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected))
}

// Reference values: mpmath at 40 digits (direct sums for the tails), scipy for beta-binomial intervals.
describe('special functions', () => {
  it('log-gamma matches mpmath', () => {
    expectRelative(logGamma(0.5), 0.5723649429247001)
    expect(logGamma(1)).toBe(0)
    expectRelative(logGamma(10), 12.80182748008147)
    expectRelative(logGamma(123.456), 469.6055471299295)
    expectRelative(logGamma(1e6), 12815504.569147613)
    expectRelative(logBeta(2, 3), Math.log(1 / 12))
  })

  it('regularised incomplete beta and gamma match mpmath', () => {
    expectRelative(regularizedBeta(0.3, 2.5, 7.25), 0.6604822735819073)
    expectRelative(regularizedBeta(0.45, 200, 300, true), 0.011853654379737118, 1e-10)
    expectRelative(regularizedBeta(0.01, 0.5, 0.5), 0.06376856085851985)
    expectRelative(regularizedGamma(3.5, 2), 0.22022259152428408)
    expectRelative(regularizedGamma(50, 80, true), 0.00013078397659141034, 1e-10)
    expect(regularizedGamma(2, Infinity)).toBe(1)
  })

  it('normal tail and quantile', () => {
    expectRelative(normalUpperTail(5), 2.866515718791939e-07)
    expectRelative(normalUpperTail(30), 4.906713927148187e-198, 1e-10)
    expectRelative(normalCdf(0), 0.5)
    expectRelative(normalQuantile(0.975), 1.9599639845400543)
    expectRelative(normalQuantile(1e-10), -6.361340902404057, 1e-8)
    expect(() => normalQuantile(1)).toThrow(RangeError)
  })
})

describe('binomial', () => {
  it('upper and lower tails match exact sums, far into the tail', () => {
    expectRelative(binomialUpperTail(10, 30, 0.01), 2.503266000244635e-13)
    expectRelative(binomialUpperTail(60, 1000, 0.01), 1.843827984012203e-27, 1e-10)
    expectRelative(binomialLowerTail(3, 1000, 0.01), 0.01007265477201438)
    expectRelative(binomialLowerTail(0, 500, 0.02), 4.102398514547258e-05)
  })

  it('agrees with a direct sum of the pmf', () => {
    for (const [n, p] of [[25, 0.13], [80, 0.5], [7, 0.9]] as const) {
      // Each tail summed from its own end, so the reference keeps the small tails' digits.
      const pmf = Array.from({ length: n + 1 }, (_, k) => Math.exp(binomialLogPmf(k, n, p)))
      let upper = 0
      for (let k = n; k >= 0; k--) {
        upper += pmf[k] ?? 0
        expectRelative(binomialUpperTail(k, n, p), upper, 1e-10)
      }
      let lower = 0
      for (let k = 0; k <= n; k++) {
        lower += pmf[k] ?? 0
        expectRelative(binomialLowerTail(k, n, p), lower, 1e-10)
      }
    }
  })

  it('handles the edges', () => {
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1)
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0)
    expect(binomialUpperTail(1, 10, 0)).toBe(0)
    expect(binomialLowerTail(9, 10, 1)).toBe(0)
    expect(binomialLowerTail(10, 10, 0.5)).toBe(1)
    expect(binomialLogPmf(0, 5, 0)).toBe(0)
    expect(() => binomialUpperTail(1.5, 10, 0.1)).toThrow('k must be an integer >= 0, got 1.5')
    expect(() => binomialUpperTail(1, 10, 1.2)).toThrow('p must be in [0, 1], got 1.2')
  })
})

describe('Poisson', () => {
  it('tails match exact sums', () => {
    expectRelative(poissonUpperTail(15, 1), 3.0000106665252023e-13)
    expectRelative(poissonUpperTail(120, 50), 3.6821313148644156e-17, 1e-10)
    expectRelative(poissonLowerTail(20, 60), 1.9511178607720872e-09, 1e-10)
    expectRelative(poissonLowerTail(0, 11.5), 1.013009359863071e-05)
    expectRelative(poissonLogPmf(3, 2), Math.log((Math.exp(-2) * 8) / 6))
  })

  it('a drop to zero is significant once ln(1/alpha) requests are missing', () => {
    for (const alpha of [1e-3, 1e-5]) {
      const missing = Math.log(1 / alpha)
      expectRelative(poissonLowerTail(0, missing), alpha)
      expect(poissonLowerTail(0, missing * 0.99)).toBeGreaterThan(alpha)
    }
  })
})

describe('negative binomial', () => {
  it('matches exact sums (mean 10, size 2.5; mean 40, size 5)', () => {
    expectRelative(negativeBinomialUpperTail(30, 10, 2.5), 0.017532380662432918)
    expectRelative(negativeBinomialLowerTail(30, 10, 2.5), 0.9853775235174962)
    expectRelative(negativeBinomialLogPmf(30, 10, 2.5), -5.839635126200266)
    expectRelative(negativeBinomialLowerTail(0, 10, 2.5), 0.01788854381999832)
    expectRelative(negativeBinomialUpperTail(3, 40, 5), 0.9997070857034616)
    expectRelative(negativeBinomialLowerTail(3, 40, 5), 0.0007092061669459098, 1e-10)
  })

  it('tends to the Poisson as the size grows', () => {
    expect(negativeBinomialUpperTail(15, 1, Infinity)).toBe(poissonUpperTail(15, 1))
    expectRelative(negativeBinomialUpperTail(20, 8, 1e7), poissonUpperTail(20, 8), 1e-5)
    expectRelative(negativeBinomialLowerTail(2, 8, 1e7), poissonLowerTail(2, 8), 1e-5)
  })

  it('is wider than the Poisson with the same mean', () => {
    expect(negativeBinomialUpperTail(30, 10, 2.5)).toBeGreaterThan(poissonUpperTail(30, 10))
    expect(negativeBinomialLowerTail(2, 10, 2.5)).toBeGreaterThan(poissonLowerTail(2, 10))
  })
})

describe('beta-binomial', () => {
  it('pmf and upper tail match exact sums', () => {
    expectRelative(betaBinomialUpperTail(5, 40, 0.5, 20), 0.04568873163774965, 1e-10)
    expectRelative(betaBinomialLogPmf(5, 40, 0.5, 20), -3.984767389829094)
    expectRelative(betaBinomialUpperTail(12, 100, 2, 30), 0.13661017915626497, 1e-10)
    expectRelative(betaBinomialLogPmf(12, 100, 2, 30), -3.557618625291679)
    expectRelative(betaBinomialUpperTail(3, 200, 1.5, 100), 0.4519122850020158, 1e-10)
  })

  it('stays exact where pmf(0) underflows (100,000 requests at 1 %)', () => {
    expectRelative(betaBinomialLogPmf(1000, 100_000, 10, 990), -6.683683493539508, 1e-9)
    expectRelative(betaBinomialUpperTail(1300, 100_000, 10, 990), 0.16626550310787092, 1e-8)
    expectRelative(betaBinomialUpperTail(1000, 100_000, 10, 990), 0.4591831692077333, 1e-8)
    expect(betaBinomialInterval(100_000, 10, 990, 0.95)).toEqual({ lo: 478, hi: 1707 })
  })

  it("gives scipy's intervals and tails for U and J shapes too", () => {
    expect(betaBinomialInterval(100_000, 50, 0.5, 0.9)).toEqual({ lo: 96212, hi: 99996 })
    expect(betaBinomialInterval(30, 0.3, 0.4, 0.8)).toEqual({ lo: 0, hi: 30 })
    expect(betaBinomialInterval(200, 3, 60, 0.99)).toEqual({ lo: 0, hi: 31 })
    expectRelative(betaBinomialUpperTail(99_499, 100_000, 50, 0.5), 0.5206662362261351, 1e-8)
    expectRelative(betaBinomialUpperTail(20, 30, 0.3, 0.4), 0.3501993783389895, 1e-10)
  })

  it('sums per-minute log-pmfs into a log-likelihood', () => {
    const errors = [0, 2, 1, 5]
    const requests = [10, 40, 33, 60]
    const expected = errors.reduce((sum, e, i) => sum + betaBinomialLogPmf(e, requests[i] ?? 0, 1.2, 80), 0)
    expectRelative(betaBinomialLogLikelihood(errors, requests, 1.2, 80), expected)
    expect(() => betaBinomialLogLikelihood([3], [2], 1, 1)).toThrow('errors[0] = 3 exceeds requests[0] = 2')
  })

  it('tends to the binomial as the concentration grows', () => {
    expectRelative(betaBinomialUpperTail(5, 50, 0.02 * 1e6, 0.98 * 1e6), binomialUpperTail(5, 50, 0.02), 1e-3)
  })
})
