import { describe, expect, it } from 'vitest'
import { categoricalLevel, LEVEL_ORDER, numericLevel } from '../../src/explain/deviation-level.js'
import { explanationText } from '../../src/explain/explanation-text.js'
import type { FeatureDeviation } from '../../src/explain/feature-deviations.js'
import { percentileOf, robustZ } from '../../src/explain/robust-z.js'
import { outputStats } from '../../src/features/output-stats.js'
import { createRng } from '../../src/math/random.js'

describe('deviation levels', () => {
  it('grades numbers by |robust z| and categories by tail mass', () => {
    expect([1.9, 2, 2.9, 3, -7].map((z) => numericLevel(z, false))).toEqual(['normal', 'moderate', 'moderate', 'high', 'high'])
    expect(numericLevel(5, true)).toBe('rare')
    expect([0.5, 0.05, 0.02, 0.005, 0.0005, 0].map(categoricalLevel)).toEqual(['normal', 'normal', 'moderate', 'high', 'rare', 'rare'])
  })

  it('measures robust z with the MAD, and percentiles from training quantiles', () => {
    const values = Float64Array.from({ length: 101 }, (_, i) => i)
    const [s] = outputStats(values, 101, [{ op: 'numeric', name: 'x', source: 'x' }])
    if (!s) throw new Error('no stats')
    expect(s.median).toBe(50)
    expect(s.mad).toBe(25)
    expect(robustZ(50 + 1.4826 * 25 * 3, s)).toBeCloseTo(3, 10)
    expect(percentileOf(25, s)).toBeCloseTo(0.25, 10)
    expect(percentileOf(-5, s)).toBe(0)
    expect(percentileOf(500, s)).toBe(1)
  })
})

describe('explanation sentences', () => {
  const numeric = (value: number, z: number, contribution: number): FeatureDeviation => ({
    type: 'numerical',
    value,
    z_score: z,
    percentile: 0.99,
    contribution,
    deviation_level: numericLevel(z, false),
  })
  const category = (value: string, share: number, contribution: number): FeatureDeviation => ({
    type: 'categorical',
    value,
    rarity_score: 1 - share,
    percentile: share,
    contribution,
    deviation_level: categoricalLevel(share),
  })

  it('names the top drivers, largest contribution first, in plain words', () => {
    const text = explanationText({ amount: numeric(9870, 6.1, 0.5), country: category('KP', 0.0001, 0.3), hour: category('3', 0.2, 0.01) }, true)
    expect(text).toBe("amount 9,870 is 6.1 standard deviations above typical; country 'KP' seen in 0.01% of training rows; hour '3' seen in 20% of training rows.")
  })

  it('says when nothing stands out, and when a category was never seen', () => {
    expect(explanationText({ amount: numeric(100, 0.2, 0.1) }, false)).toBe('Event appears normal with typical feature patterns.')
    expect(explanationText({ user: category('mallory', 0, 0.9) }, true)).toBe("user 'mallory' never seen in training.")
  })

  it('picks the same drivers, in the same order, as sorting every feature (ties kept in feature order)', () => {
    const rng = createRng(5)
    const sorted = (devs: Record<string, FeatureDeviation>, isAnomaly: boolean): string[] =>
      Object.entries(devs)
        .filter(([, d]) => d.deviation_level !== 'normal' || isAnomaly)
        .sort(([, a], [, b]) => Math.abs(b.contribution) - Math.abs(a.contribution) || LEVEL_ORDER[b.deviation_level] - LEVEL_ORDER[a.deviation_level])
        .filter(([, d]) => d.contribution !== 0 || d.deviation_level !== 'normal')
        .slice(0, 3)
        .map(([name]) => name)
    for (let t = 0; t < 500; t++) {
      const devs: Record<string, FeatureDeviation> = {}
      const n = rng.int(8)
      // few distinct contributions and z-scores: many ties
      for (let i = 0; i < n; i++) devs[`f${i}`] = numeric(i, [0, 2.5, 4][rng.int(3)] as number, [0, 0.1, -0.1, 0.3][rng.int(4)] as number)
      const isAnomaly = rng.next() < 0.5
      const names = sorted(devs, isAnomaly)
      const text = explanationText(devs, isAnomaly)
      const mentioned = Object.keys(devs)
        .map((name) => [name, text.indexOf(`${name} `)] as const)
        .filter(([, at]) => at >= 0)
        .sort((a, b) => a[1] - b[1])
        .map(([name]) => name)
      const expected = isAnomaly || names.some((name) => devs[name]?.deviation_level !== 'normal') ? (isAnomaly ? names : names.filter((name) => devs[name]?.deviation_level !== 'normal')) : []
      expect(mentioned, `case ${t}: ${text}`).toEqual(expected)
    }
  })

  it('writes large numbers with thousands separators, as en-US does', () => {
    for (const v of [1000, 9870, -12345.6, 999999.5, 1234567, -1e15, 2 ** 53 + 2, 1e21]) {
      expect(explanationText({ amount: numeric(v, 6.1, 0.5) }, true)).toBe(`amount ${Math.round(v).toLocaleString('en-US')} is 6.1 standard deviations above typical.`)
    }
  })
})
