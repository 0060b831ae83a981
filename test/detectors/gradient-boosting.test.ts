import type { Static } from 'typebox'
import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { shouldStop } from '../../src/detectors/gradient-boosting/early-stopping.js'
import { fitEdges } from '../../src/detectors/gradient-boosting/fit-edges.js'
import { gradientBoosting, type GradientBoostingState } from '../../src/detectors/gradient-boosting/index.js'
import { GradientBoostingParams } from '../../src/detectors/gradient-boosting/params.js'
import { sortFloat64 } from '../../src/math/sort-float64.js'
import { stratifiedSplit } from '../../src/detectors/gradient-boosting/validation-split.js'
import { createMatrix, type Matrix, matrixFromRows } from '../../src/math/matrix.js'
import { rocAuc } from '../../src/math/metrics.js'
import { createRng } from '../../src/math/random.js'
import { decodeArray, encodeArray } from '../../src/math/typed-array-codec.js'
import { plantedAnomalies } from './planted.js'

const params = (overrides: Partial<GradientBoostingParams> = {}): GradientBoostingParams =>
  Value.Default(GradientBoostingParams, { ...overrides }) as GradientBoostingParams

const fit = (X: Matrix, y: Uint8Array, p: GradientBoostingParams, seed = 0) => gradientBoosting.fit({ X, y, featureNames: [], seed }, p)

/** 3 features, labels drawn from a logistic model with an interaction (the scikit-learn fixture below). */
function logisticData(rows: number, seed: number): { X: Matrix; y: Uint8Array } {
  const rng = createRng(seed)
  const X = createMatrix(rows, 3)
  const y = new Uint8Array(rows)
  for (let i = 0; i < rows; i++) {
    const a = rng.uniform(-2, 2)
    const b = rng.uniform(-2, 2)
    const c = Math.round(rng.uniform(0, 4))
    X.data.set([a, b, c], i * 3)
    const logit = 2 * a - b * (c - 2) - 1
    y[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0
  }
  return { X, y }
}

/** Depth of every leaf of the first tree. */
function leafDepths(state: GradientBoostingState): number[] {
  const feature = decodeArray(state.feature, 'int32')
  const left = decodeArray(state.left, 'int32')
  const depths: number[] = []
  const walk = (node: number, depth: number): void => {
    if ((feature[node] as number) < 0) depths.push(depth)
    else {
      walk(left[node] as number, depth + 1)
      walk((left[node] as number) + 1, depth + 1)
    }
  }
  walk(decodeArray(state.roots, 'int32')[0] as number, 0)
  return depths
}

describe('gradient boosting (histogram GBDT on log-loss)', () => {
  const probe = matrixFromRows([[0.5, -1, 0], [-1.5, 1, 4], [0, 0, 2], [1.9, 1.9, 3], [-0.2, -1.7, 1]])

  it("matches scikit-learn 1.2.1's HistGradientBoostingClassifier probabilities", async () => {
    const { X, y } = logisticData(400, 21)
    // HistGradientBoostingClassifier(max_iter=20, min_samples_leaf=10).predict_proba(probe)[:, 1]
    const plain = (await fit(X, y, params({ max_iter: 20, min_samples_leaf: 10 }))).score(probe)
    const expected = [0.5017907310184658, 0.04966954647666932, 0.09851031373452951, 0.7568701494704007, 0.26661954873085697]
    expected.forEach((p, i) => expect(plain[i]).toBeCloseTo(p, 12))
    // ... with class_weight='balanced', l2_regularization=0.5, max_depth=3
    const tuned = (await fit(X, y, params({ max_iter: 20, min_samples_leaf: 10, class_weight: 'balanced', l2_regularization: 0.5, max_depth: 3 }))).score(probe)
    const expectedTuned = [0.6160114997774147, 0.07949870416094383, 0.39941786778789734, 0.8550616669027045, 0.6102653889543855]
    expectedTuned.forEach((p, i) => expect(tuned[i]).toBeCloseTo(p, 12))
  })

  it('learns a threshold rule exactly, splitting at the midpoint between 69 and 70', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [i % 100, (i * 37) % 11])
    const y = Uint8Array.from(rows, (r) => ((r[0] as number) >= 70 ? 1 : 0))
    const fitted = await fit(matrixFromRows(rows), y, params())
    expect(decodeArray(fitted.toJSON().threshold, 'float64')[0]).toBe(69.5)
    const p = fitted.score(matrixFromRows([[0, 5], [69, 5], [69.49, 0], [69.51, 0], [70, 5], [99, 5]]))
    expect([...p].map((v) => v > 0.5)).toEqual([false, false, false, true, true, true])
    expect(Math.max(p[0] as number, p[1] as number)).toBeLessThan(0.01)
    expect(Math.min(p[4] as number, p[5] as number)).toBeGreaterThan(0.99)
  })

  it('stops early on noise, and not when early stopping is off', async () => {
    const rng = createRng(4)
    const X = createMatrix(12_000, 4, Float64Array.from({ length: 48_000 }, () => rng.next()))
    const y = Uint8Array.from({ length: 12_000 }, () => (rng.next() < 0.1 ? 1 : 0))
    const auto = await fit(X, y, params())
    expect(auto.notes).toMatchObject({ early_stopping: true, stopped_early: true, validation_rows: 1200 })
    expect(auto.notes?.['n_iter']).toBeLessThan(40)
    const off = await fit(X, y, params({ early_stopping: false, max_iter: 30 }))
    expect(off.notes).toMatchObject({ early_stopping: false, stopped_early: false, n_iter: 30 })
  })

  it('grows leaf-wise and level-wise; level-wise fills each depth before the next', async () => {
    const { X, y } = plantedAnomalies(1000, 5, 0.1)
    for (const growth of ['leaf', 'depth'] as const) {
      const fitted = await fit(X, y, params({ growth, max_leaf_nodes: 8, min_samples_leaf: 5 }))
      expect(rocAuc(fitted.score(X), y)).toBeGreaterThan(0.95)
      expect(leafDepths(fitted.toJSON()).length).toBeLessThanOrEqual(8)
    }
    const { X: Xl, y: yl } = logisticData(2000, 5)
    const levelWise = await fit(Xl, yl, params({ growth: 'depth', max_leaf_nodes: 8 }))
    expect(leafDepths(levelWise.toJSON())).toEqual([3, 3, 3, 3, 3, 3, 3, 3])
  })

  it("raises the rare class's probability with class_weight 'balanced'", async () => {
    const { X, y } = logisticData(3000, 8)
    const rare = Uint8Array.from(y, (v, i) => (v === 1 && i % 5 === 0 ? 1 : 0))
    const meanOnPositives = (p: Float64Array): number => p.reduce((s, v, i) => s + (rare[i] === 1 ? v : 0), 0) / rare.reduce((s, v) => s + v, 0)
    const plain = (await fit(X, rare, params())).score(X)
    const balanced = (await fit(X, rare, params({ class_weight: 'balanced' }))).score(X)
    expect(meanOnPositives(balanced)).toBeGreaterThan(meanOnPositives(plain) + 0.2)
  })

  it('scores P(anomaly) in [0, 1], even far outside the training range', async () => {
    const { X, y } = plantedAnomalies(500, 3, 0.1)
    const p = (await fit(X, y, params())).score(matrixFromRows([[1e300, -1e300, 0], [-1e300, 1e300, 1e-300], [0, 0, 0]]))
    for (const v of p) {
      expect(v).toBeGreaterThanOrEqual(0)
      expect(v).toBeLessThanOrEqual(1)
    }
  })

  it('handles more features than one 16-bit block of bins holds (300 features of 255 bins)', async () => {
    const rng = createRng(6)
    const X = createMatrix(800, 300, Float64Array.from({ length: 800 * 300 }, () => rng.next()))
    const y = Uint8Array.from({ length: 800 }, (_, i) => ((X.data[i * 300 + 280] as number) > 0.6 ? 1 : 0))
    const fitted = await fit(X, y, params({ early_stopping: true, max_iter: 20 }))
    expect(decodeArray(fitted.toJSON().feature, 'int32')[0]).toBe(280)
    expect(rocAuc(fitted.score(X), y)).toBeGreaterThan(0.99)
  })

  it('stores per-node cover (rows and hessian) and refuses malformed state or rows', async () => {
    const { X, y } = plantedAnomalies(600, 5, 0.05)
    const fitted = await fit(X, y, params({ max_iter: 3 }))
    const state = fitted.toJSON()
    const count = decodeArray(state.count, 'int32')
    const left = decodeArray(state.left, 'int32')
    const feature = decodeArray(state.feature, 'int32')
    expect(count[0]).toBe(600)
    for (let i = 0; i < feature.length; i++) {
      if ((feature[i] as number) >= 0) expect((count[left[i] as number] as number) + (count[(left[i] as number) + 1] as number)).toBe(count[i])
    }
    expect(decodeArray(state.hessian, 'float64').every((h) => h > 0)).toBe(true)
    expect(() => gradientBoosting.fromJSON({ ...state, count: state.roots }, params())).toThrow(/'count' entries/)
    const loop = Int32Array.from(left)
    loop[0] = 0
    expect(() => gradientBoosting.fromJSON({ ...state, left: encodeArray(loop) }, params())).toThrow(/node 0 .* corrupt/)
    expect(() => fitted.score(matrixFromRows([[1, 2]]))).toThrow(/rows have 2 features, the model was trained on 5/)
  })

  it('stops like scikit-learn: no score in the last n beats the one before them by more than tol', () => {
    expect(shouldStop([-0.5, -0.4], 2, 0)).toBe(false)
    expect(shouldStop([-0.5, -0.4, -0.4, -0.41], 2, 0)).toBe(true)
    expect(shouldStop([-0.5, -0.4, -0.4, -0.39], 2, 0)).toBe(false)
    expect(shouldStop([-0.5, -0.4, -0.4, -0.39], 2, 0.05)).toBe(true)
  })

  it('holds out a stratified share of each class', () => {
    const y = Uint8Array.from({ length: 1000 }, (_, i) => (i % 20 === 0 ? 1 : 0))
    const { train, validation } = stratifiedSplit(y, 0.1, 3)
    expect(validation.length).toBe(100)
    expect(validation.reduce((s, r) => s + (y[r] as number), 0)).toBe(5)
    expect(new Set([...train, ...validation]).size).toBe(1000)
  })

  it('sorts floats like Float64Array#sort and places edges at midpoints of distinct values', () => {
    const rng = createRng(9)
    const values = Float64Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? -0 : (rng.next() - 0.5) * 10 ** ((i % 9) - 4)))
    const sorted = values.slice()
    sortFloat64(sorted, new Float64Array(sorted.length))
    expect(sorted).toEqual(values.slice().sort())
    const X = matrixFromRows([[3], [1], [2], [2], [10]])
    expect([...(fitEdges(X, Int32Array.from([0, 1, 2, 3, 4]), 255, 0)[0] as Float64Array)]).toEqual([1.5, 2.5, 6.5])
  })
})

describe('gradient boosting TreeSHAP', () => {
  it('sums to the raw score minus the expected raw score, to 1e-9', async () => {
    const { gradientBoosting: gb, decodeEnsemble } = await import('../../src/detectors/gradient-boosting/index.js')
    const { shapTrees } = await import('../../src/detectors/gradient-boosting/explain-ensemble.js')
    const { expectedValue } = await import('../../src/explain/tree-shap.js')
    const { plantedAnomalies } = await import('./planted.js')
    const { Value } = await import('typebox/value')
    const { GradientBoostingParams } = await import('../../src/detectors/gradient-boosting/params.js')
    const { X, y } = plantedAnomalies(400, 4, 0.1, 8, true)
    const params = { ...(Value.Default(GradientBoostingParams, {}) as object), max_iter: 20 } as Static<typeof GradientBoostingParams>
    const fitted = await gb.fit({ X, featureNames: ['a', 'b', 'c', 'd'], y, seed: 2 }, params)
    const state = fitted.toJSON()
    const trees = shapTrees(decodeEnsemble(state))
    const expectedRaw = state.baseline + trees.reduce((sum, t) => sum + expectedValue(t), 0)
    const scores = fitted.score(X)
    for (let row = 0; row < 20; row++) {
      const phi = fitted.explain?.(X, row)
      if (!phi) throw new Error('no explanation')
      const p = scores[row] as number
      const raw = Math.log(p / (1 - p))
      expect(Math.abs(phi.reduce((a, b) => a + b, 0) - (raw - expectedRaw))).toBeLessThan(1e-9)
    }
  })
})
