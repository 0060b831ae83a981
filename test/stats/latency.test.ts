import { DDSketch } from '@datadog/sketches-js'
import { describe, expect, it } from 'vitest'
import { createRng } from '../../src/math/random.js'
import {
  betaBinomialUpperTail,
  countAboveThreshold,
  isAboveThreshold,
  latencyExceedanceTest,
  latencyThreshold,
  mannWhitney,
  sketchCountAbove,
  sketchFromJSON,
  sketchToJSON,
} from '../../src/stats/index.js'

function lognormalLatencies(seed: number, n: number, median: number): Float64Array {
  const rng = createRng(seed)
  return Float64Array.from({ length: n }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())
    return median * Math.exp(0.5 * z)
  })
}

function sketchOf(values: ArrayLike<number>): DDSketch {
  const sketch = new DDSketch({ relativeAccuracy: 0.01 })
  for (let i = 0; i < values.length; i++) sketch.accept(values[i] ?? 0)
  return sketch
}

describe('latency threshold (share above the baseline p95)', () => {
  const baselineValues = lognormalLatencies(1, 20_000, 120)
  const baseline = sketchOf(baselineValues)
  const threshold = latencyThreshold(baseline, 0.95)

  it('counts the baseline share above the p95 bin exactly', () => {
    expect(threshold.baselineAbove).toBe(countAboveThreshold(baselineValues, threshold))
    expect(threshold.baselineShare).toBeGreaterThan(0.04)
    expect(threshold.baselineShare).toBeLessThanOrEqual(0.05)
    expect(isAboveThreshold(threshold.value * 1.05, threshold)).toBe(true)
    expect(isAboveThreshold(threshold.value * 0.95, threshold)).toBe(false)
    expect(isAboveThreshold(0, threshold)).toBe(false)
  })

  it('counts a window sketch the same as its raw values', () => {
    const window = lognormalLatencies(2, 500, 150)
    expect(sketchCountAbove(sketchOf(window), threshold)).toBe(countAboveThreshold(window, threshold))
    expect(() => sketchCountAbove(new DDSketch({ relativeAccuracy: 0.02 }), threshold)).toThrow('relative accuracy')
  })

  it('tests the count as a beta-binomial with the baseline uncertainty', () => {
    const slow = lognormalLatencies(3, 60, 200)
    const above = countAboveThreshold(slow, threshold)
    const result = latencyExceedanceTest(above, slow.length, threshold)
    const b = threshold.baselineCount - threshold.baselineAbove
    expect(result.pValue).toBe(betaBinomialUpperTail(above, 60, threshold.baselineAbove + 0.5, b + 0.5))
    expect(result.pValue).toBeLessThan(1e-6)
    expect(result.shareRatio).toBeGreaterThan(4)
    const same = lognormalLatencies(4, 60, 120)
    expect(latencyExceedanceTest(countAboveThreshold(same, threshold), 60, threshold).pValue).toBeGreaterThan(0.01)
  })

  it('round-trips a sketch through plain JSON exactly', () => {
    const json = JSON.parse(JSON.stringify(sketchToJSON(baseline)))
    const back = sketchFromJSON(json)
    for (const q of [0.01, 0.5, 0.95, 0.999]) expect(back.getValueAtQuantile(q)).toBe(baseline.getValueAtQuantile(q))
    expect(back.count).toBe(baseline.count)
    expect(back.sum).toBe(baseline.sum)
    expect(back.min).toBe(baseline.min)
    expect(latencyThreshold(back)).toEqual(threshold)
    const empty = sketchFromJSON(JSON.parse(JSON.stringify(sketchToJSON(new DDSketch()))))
    expect(empty.count).toBe(0)
    expect(empty.min).toBe(Infinity)
  })

  it('refuses an empty baseline', () => {
    expect(() => latencyThreshold(new DDSketch())).toThrow('the baseline sketch is empty')
  })
})

describe('Mann–Whitney U', () => {
  // scipy.stats.mannwhitneyu(current, baseline, method='asymptotic', use_continuity=True)
  const baseline = Array.from({ length: 30 }, (_, i) => ((i * 7) % 13) + 10)
  const current = Array.from({ length: 25 }, (_, i) => ((i * 5) % 11) + 12)

  it('matches scipy with ties', () => {
    const result = mannWhitney(baseline, current)
    expect(result.u).toBe(447.5)
    expect(result.pGreater).toBeCloseTo(0.11107373790073682, 12)
    expect(result.pLess).toBeCloseTo(0.8921037325311263, 12)
    expect(result.pTwoSided).toBeCloseTo(0.22214747580147365, 12)
    expect(result.effect).toBeCloseTo(447.5 / 750, 12)
  })

  it('matches scipy without ties', () => {
    const result = mannWhitney(
      Array.from({ length: 20 }, (_, i) => i),
      Array.from({ length: 20 }, (_, i) => i + 5.5),
    )
    expect(result.u).toBe(295)
    expect(result.pGreater).toBeCloseTo(0.005290605721582824, 12)
  })

  it('needs 20 values per sample, and calls identical samples unremarkable', () => {
    expect(() => mannWhitney(baseline.slice(0, 19), current)).toThrow('at least 20 values in each sample, got 19 baseline and 25 current')
    const flat = new Array<number>(25).fill(3)
    expect(mannWhitney(flat, flat)).toMatchObject({ z: 0, pGreater: 1, pTwoSided: 1, effect: 0.5 })
  })
})
