import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  benjaminiHochberg,
  betaBinomialUpperTail,
  binomialCusumEvidence,
  binomialCusumStep,
  binomialLowerTail,
  binomialUpperTail,
  countCusumEvidence,
  countCusumStep,
  createBinomialCusum,
  createCountCusum,
  createMixtureSprt,
  createOnlineFdr,
  createSprt,
  mannWhitney,
  mixtureSprtStep,
  negativeBinomialLowerTail,
  negativeBinomialUpperTail,
  onlineFdrTick,
  poissonLowerTail,
  poissonUpperTail,
  sprtStep,
} from '../../src/stats/index.js'

/** a ≤ b up to rounding in the last digits. */
const atMost = (a: number, b: number): boolean => a <= b + 1e-12 * Math.max(1, Math.abs(b))
const inUnit = (p: number): boolean => p >= 0 && p <= 1
const RUNS = { numRuns: 300 }

const probability = fc.double({ min: 0, max: 1, noNaN: true })
const openProbability = fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true })

describe('tail properties', () => {
  it('binomial tails are probabilities, complementary, and monotone in k and p', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 301 }), probability, probability, (n, k0, p, q) => {
        const k = Math.min(k0, n + 1)
        const upper = binomialUpperTail(k, n, p)
        expect(inUnit(upper)).toBe(true)
        expect(inUnit(binomialLowerTail(k, n, p))).toBe(true)
        if (k >= 1) expect(upper + binomialLowerTail(k - 1, n, p)).toBeCloseTo(1, 9)
        expect(atMost(binomialUpperTail(k + 1, n, p), upper)).toBe(true)
        const [lo, hi] = p <= q ? [p, q] : [q, p]
        expect(atMost(binomialUpperTail(k, n, lo), binomialUpperTail(k, n, hi))).toBe(true)
      }),
      RUNS,
    )
  })

  it('Poisson and negative-binomial tails are probabilities, complementary, and monotone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.double({ min: 0, max: 400, noNaN: true }),
        fc.double({ min: 0.05, max: 1e4, noNaN: true }),
        (k, mu, size) => {
          const upper = poissonUpperTail(k, mu)
          expect(inUnit(upper)).toBe(true)
          if (k >= 1) expect(upper + poissonLowerTail(k - 1, mu)).toBeCloseTo(1, 9)
          expect(atMost(poissonUpperTail(k + 1, mu), upper)).toBe(true)
          expect(atMost(poissonUpperTail(k, mu), poissonUpperTail(k, mu * 1.1 + 0.1))).toBe(true)
          const nbUpper = negativeBinomialUpperTail(k, mu, size)
          expect(inUnit(nbUpper)).toBe(true)
          if (k >= 1) expect(nbUpper + negativeBinomialLowerTail(k - 1, mu, size)).toBeCloseTo(1, 8)
          expect(atMost(negativeBinomialUpperTail(k + 1, mu, size), nbUpper)).toBe(true)
        },
      ),
      RUNS,
    )
  })

  it('beta-binomial upper tails are probabilities, monotone in k', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 401 }),
        fc.double({ min: 0.05, max: 500, noNaN: true }),
        fc.double({ min: 0.05, max: 5000, noNaN: true }),
        (n, k0, a, b) => {
          const k = Math.min(k0, n + 1)
          const upper = betaBinomialUpperTail(k, n, a, b)
          expect(inUnit(upper)).toBe(true)
          expect(atMost(betaBinomialUpperTail(k + 1, n, a, b), upper + 1e-9)).toBe(true)
        },
      ),
      RUNS,
    )
  })
})

describe('multiplicity properties', () => {
  const pValues = fc.array(probability, { minLength: 1, maxLength: 60 })

  it('BH rejects exactly the p-values at or below its threshold, more as q grows', () => {
    fc.assert(
      fc.property(pValues, openProbability, openProbability, (ps, q1, q2) => {
        const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1]
        const result = benjaminiHochberg(ps, lo)
        ps.forEach((p, i) => {
          expect(result.rejected[i] === 1).toBe(result.count > 0 && p <= result.threshold)
          expect(result.adjusted[i]).toBeGreaterThanOrEqual(p)
          expect(inUnit(result.adjusted[i] ?? NaN)).toBe(true)
          expect(result.rejected[i] === 1).toBe((result.adjusted[i] ?? NaN) <= lo)
        })
        expect(benjaminiHochberg(ps, hi).count).toBeGreaterThanOrEqual(result.count)
      }),
      RUNS,
    )
  })

  it('online FDR levels stay in [0, α] and the state is plain JSON', () => {
    fc.assert(
      fc.property(fc.array(pValues, { minLength: 1, maxLength: 25 }), (batches) => {
        let state = createOnlineFdr(0.05)
        for (const batch of batches) {
          const tick = onlineFdrTick(state, batch)
          expect(tick.level).toBeGreaterThanOrEqual(0)
          expect(tick.level).toBeLessThanOrEqual(0.05)
          state = tick.state
        }
        expect(JSON.parse(JSON.stringify(state))).toEqual(state)
      }),
      { numRuns: 100 },
    )
  })
})

describe('sequential test properties', () => {
  const aggregates = fc.array(
    fc.integer({ min: 0, max: 50 }).chain((requests) => fc.record({ requests: fc.constant(requests), errors: fc.integer({ min: 0, max: requests }) })),
    { minLength: 1, maxLength: 40 },
  )

  it('CUSUM statistics never go negative, alarm exactly at the threshold, and survive JSON', () => {
    fc.assert(
      fc.property(aggregates, openProbability, (steps, p0raw) => {
        const p0 = Math.min(p0raw, 0.4)
        let binomial = createBinomialCusum()
        let counts = createCountCusum()
        steps.forEach((step, at) => {
          const b = binomialCusumStep(binomial, { ...step, at }, { p0, p1: p0 * 2, threshold: 8 })
          expect(b.state.statistic).toBeGreaterThanOrEqual(0)
          expect(b.alarm).toBe(b.state.statistic >= 8)
          expect(inUnit(binomialCusumEvidence(b.state, 8).pValue)).toBe(true)
          binomial = JSON.parse(JSON.stringify(b.state))
          const params = { ratio: 0.5, threshold: 8, size: 10 }
          const c = countCusumStep(counts, { count: step.requests, expected: 20, at }, params)
          expect(c.state.statistic).toBeGreaterThanOrEqual(0)
          expect(inUnit(countCusumEvidence(c.state, params).pValue)).toBe(true)
          counts = JSON.parse(JSON.stringify(c.state))
        })
      }),
      RUNS,
    )
  })

  it('SPRT and mixture p-values are probabilities that never increase', () => {
    fc.assert(
      fc.property(aggregates, (steps) => {
        let sprt = createSprt()
        let mixture = createMixtureSprt(0.02, { a: 2, b: 8 })
        let lastSprt = 1
        let lastMixture = 1
        steps.forEach((step, at) => {
          const s = sprtStep(sprt, { ...step, at }, { p0: 0.02, p1: 0.2 }, { alpha: 1e-4, beta: 0.1 })
          expect(inUnit(s.evidence.pValue)).toBe(true)
          expect(s.evidence.pValue).toBeLessThanOrEqual(lastSprt)
          lastSprt = s.evidence.pValue
          sprt = s.state
          const m = mixtureSprtStep(mixture, { ...step, at }, 1e-4)
          expect(inUnit(m.evidence.pValue)).toBe(true)
          expect(m.evidence.pValue).toBeLessThanOrEqual(lastMixture)
          lastMixture = m.evidence.pValue
          mixture = m.state
        })
      }),
      RUNS,
    )
  })

  it('Mann–Whitney p-values are probabilities and one-sided ones cover the line', () => {
    const sample = fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 20, maxLength: 60 })
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const result = mannWhitney(a, b)
        for (const p of [result.pGreater, result.pLess, result.pTwoSided]) expect(inUnit(p)).toBe(true)
        expect(result.pGreater + result.pLess).toBeGreaterThanOrEqual(1 - 1e-12)
      }),
      RUNS,
    )
  })
})
