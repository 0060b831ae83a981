import { describe, expect, it } from 'vitest'
import { isolationForest } from '../../src/detectors/isolation-forest/index.js'
import { effectiveMaxSamples } from '../../src/detectors/isolation-forest/params.js'
import { averagePathLength } from '../../src/detectors/isolation-forest/path-length.js'
import { matrixFromRows } from '../../src/math/matrix.js'
import { plantedAnomalies } from './planted.js'

const defaults = { n_estimators: 100, max_samples: 'auto' as const, max_features: 1, bootstrap: false }

describe('isolation forest (Liu et al. 2008)', () => {
  it('normalises with c(n) = 2H(n-1) - 2(n-1)/n', () => {
    expect(averagePathLength(0)).toBe(0)
    expect(averagePathLength(1)).toBe(0)
    expect(averagePathLength(2)).toBe(1)
    // scikit-learn's _average_path_length(256) = 10.244770920119917
    expect(averagePathLength(256)).toBeCloseTo(10.244770920119917, 12)
  })

  it('draws 256 rows per tree by default, fewer when the data is smaller', () => {
    expect(effectiveMaxSamples('auto', 10_000)).toBe(256)
    expect(effectiveMaxSamples('auto', 100)).toBe(100)
    expect(effectiveMaxSamples(0.5, 1000)).toBe(500)
    expect(effectiveMaxSamples(1000, 300)).toBe(300)
  })

  it('scores in (0, 1]: an isolated point near 1, the crowd below 0.5', async () => {
    const { X } = plantedAnomalies(500, 2, 0)
    const fitted = await isolationForest.fit({ X, featureNames: ['a', 'b'], seed: 1 }, defaults)
    const [far, centre] = fitted.score(matrixFromRows([[40, 40], [0, 0]]))
    expect(far).toBeGreaterThan(0.7)
    expect(far).toBeLessThanOrEqual(1)
    expect(centre).toBeLessThan(0.5)
  })

  it('limits tree depth to ceil(log2 ψ)', async () => {
    const { X } = plantedAnomalies(1000, 3, 0.02)
    const fitted = await isolationForest.fit({ X, featureNames: [], seed: 5 }, { ...defaults, n_estimators: 10 })
    const state = fitted.toJSON()
    expect(state.maxSamples).toBe(256)
    // a full binary tree of depth 8 has at most 511 nodes
    expect(state.feature.length).toBeLessThanOrEqual(10 * 511)
  })

  it('treats constant features as unsplittable and still scores', async () => {
    const X = matrixFromRows(Array.from({ length: 50 }, (_, i) => [1, i % 5]))
    const fitted = await isolationForest.fit({ X, featureNames: ['c', 'v'], seed: 2 }, defaults)
    expect(fitted.score(X).every(Number.isFinite)).toBe(true)
  })

  it('refuses rows of the wrong width', async () => {
    const { X } = plantedAnomalies(100, 3, 0)
    const fitted = await isolationForest.fit({ X, featureNames: [], seed: 5 }, defaults)
    expect(() => fitted.score(matrixFromRows([[1, 2]]))).toThrow(/rows have 2 features, the forest was trained on 3/)
  })
})

describe('isolation forest path attribution', () => {
  it('credits the feature that isolates a point', async () => {
    const { X } = plantedAnomalies(800, 4, 0, 9)
    const fitted = await isolationForest.fit({ X, featureNames: ['a', 'b', 'c', 'd'], seed: 3 }, defaults)
    const odd = matrixFromRows([[0, 0, 12, 0]])
    const c = fitted.explain?.(odd, 0)
    if (!c) throw new Error('no explanation')
    expect(c.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
    expect(Array.from(c).indexOf(Math.max(...c))).toBe(2)
    const others = [c[0], c[1], c[3]] as number[]
    expect(c[2]).toBeGreaterThan(1.3 * Math.max(...others))
  })
})
