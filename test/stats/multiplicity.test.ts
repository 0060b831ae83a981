import { describe, expect, it } from 'vitest'
import { createRng } from '../../src/math/random.js'
import {
  benjaminiHochberg,
  createOnlineFdr,
  onlineFdrLevel,
  onlineFdrTick,
  spendingAt,
  type OnlineFdrState,
} from '../../src/stats/index.js'

describe('Benjamini–Hochberg', () => {
  // The worked example of Benjamini & Hochberg (1995), §4: 15 p-values, q = 0.05, four rejections.
  const P = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0]

  it('rejects the four smallest in the 1995 paper example', () => {
    const shuffled = [P[9], P[3], P[0], P[14], P[5], P[1], P[12], P[2], P[4], P[6], P[7], P[8], P[10], P[11], P[13]].map(Number)
    const result = benjaminiHochberg(shuffled, 0.05)
    expect(result.count).toBe(4)
    expect(result.threshold).toBe(0.0095)
    expect(Array.from(result.rejected)).toEqual([0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0])
  })

  it('adjusts p-values like R p.adjust(method = "BH")', () => {
    const expected = [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645, 0.0765, 0.486,
      0.5811818181818182, 0.714875, 0.7532307692307694, 0.8132142857142857, 1,
    ]
    const adjusted = benjaminiHochberg(P, 0.05).adjusted
    expected.forEach((value, i) => expect(adjusted[i]).toBeCloseTo(value, 12))
  })

  it('rejects nothing on an empty tick and names a bad p-value', () => {
    expect(benjaminiHochberg([], 0.05).count).toBe(0)
    expect(() => benjaminiHochberg([0.1, 1.5], 0.05)).toThrow('pValues[1] must be in [0, 1], got 1.5')
  })
})

describe('online FDR (BatchBH)', () => {
  // Batches and levels from a literal implementation of Zrnic et al. (2020), Algorithm 1,
  // with R⁺ found by brute force (every p-value set to 0 in turn), α = 0.2, γ_j ∝ j^(−1.6).
  const BATCHES = [
    [0.897214, 0.775686, 0.225207, 0.300166, 0.873553, 0.005265, 0.821228, 0.797069],
    [0.467935, 0.303032, 0.278426, 0.25487, 0.445076, 0.504548],
    [6.1e-5, 4e-6, 0.622179, 0.98896, 0.215309, 0.160212],
    [5e-5, 2.5e-5, 0.466206, 0.917168, 0.629226, 0.514118],
    [0.192402, 0.692032, 0.200607, 0.369536, 0.003734, 0.830048, 0.154461, 0.267599],
    [0.880332, 0.509791, 0.84715],
    [0.741771, 0.091496, 0.541144, 0.507772, 0.871339, 0.361264, 0.598184],
    [9.8e-5, 5.9e-5, 0.323036, 0.1502, 0.816338, 0.379446],
    [0.637997, 0.67645, 0.150788, 0.440313, 0.239564],
    [0.402498, 0.096704, 0.967828, 0.215004, 0.671765, 0.30042],
    [0.662215, 0.131616, 0.845074, 0.944948, 0.903917],
    [0.569719, 0.14546, 0.192463, 0.927906, 0.552326, 0.180552, 0.884057, 0.641572],
  ]
  const LEVELS = [
    0.08749803315489474, 0.03367418451977783, 0.031632466667389995, 0.09761728248134889, 0.07837292179276832, 0.1350436833999959,
    0.05499304117644989, 0.04979278055602071, 0.10619215960670443, 0.07289767493805323, 0.06507568794440566, 0.03888046712586801,
  ]
  const DISCOVERIES = [1, 0, 2, 2, 1, 0, 0, 2, 0, 0, 0, 0]

  it('matches the algorithm as published, tick by tick', () => {
    let state: OnlineFdrState = createOnlineFdr(0.2)
    BATCHES.forEach((batch, t) => {
      const tick = onlineFdrTick(state, batch)
      expect(tick.level).toBeCloseTo(LEVELS[t] ?? NaN, 12)
      expect(tick.count).toBe(DISCOVERIES[t])
      state = tick.state
    })
    expect(state.discoveries).toBe(8)
    expect(state.loud).toHaveLength(5)
    expect(JSON.parse(JSON.stringify(state))).toEqual(state)
  })

  it('starts at α·γ₁ and spends evenly over a horizon', () => {
    expect(onlineFdrLevel(createOnlineFdr(0.05), 10)).toBeCloseTo(0.05 * spendingAt({ kind: 'power', exponent: 1.6 }, 1), 15)
    expect(spendingAt({ kind: 'power', exponent: 2 }, 1)).toBeCloseTo(6 / Math.PI ** 2, 10)
    let state = createOnlineFdr(0.05, { kind: 'horizon', ticks: 1440 })
    for (let t = 0; t < 100; t++) {
      const tick = onlineFdrTick(state, [0.5, 0.7, 0.9])
      expect(tick.level).toBeCloseTo(0.05 / 1440, 15)
      state = tick.state
    }
  })

  it('keeps the false-discovery rate at α over many ticks (simulated)', () => {
    const rng = createRng(31)
    const alpha = 0.1
    const runs = 100
    let fdpSum = 0
    let trueDiscoveries = 0
    for (let r = 0; r < runs; r++) {
      let state = createOnlineFdr(alpha, { kind: 'horizon', ticks: 100 })
      let falseFound = 0
      let found = 0
      for (let t = 0; t < 100; t++) {
        const signal = rng.next() < 0.2
        const batch = Array.from({ length: 20 }, (_, i) => (signal && i < 3 ? rng.next() * 1e-4 : rng.next()))
        const tick = onlineFdrTick(state, batch)
        state = tick.state
        tick.rejected.forEach((rejected, i) => {
          if (!rejected) return
          found++
          if (!(signal && i < 3)) falseFound++
        })
      }
      fdpSum += found > 0 ? falseFound / found : 0
      trueDiscoveries += found - falseFound
    }
    expect(fdpSum / runs).toBeLessThanOrEqual(alpha)
    expect(trueDiscoveries).toBeGreaterThan(runs * 20 * 3 * 0.5)
  })
})
