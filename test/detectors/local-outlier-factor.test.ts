import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { localOutlierFactor } from '../../src/detectors/local-outlier-factor/index.js'
import { chooseSearch } from '../../src/detectors/local-outlier-factor/neighbor-search.js'
import { LocalOutlierFactorParams } from '../../src/detectors/local-outlier-factor/params.js'
import { matrixFromRows, type Matrix } from '../../src/math/matrix.js'
import { rocAuc } from '../../src/math/metrics.js'
import { plantedAnomalies } from './planted.js'

const defaults: LocalOutlierFactorParams = Value.Default(LocalOutlierFactorParams, {}) as LocalOutlierFactorParams

const fit = (X: Matrix, params: Partial<LocalOutlierFactorParams> = {}, seed = 1) =>
  localOutlierFactor.fit({ X, featureNames: Array.from({ length: X.cols }, (_, j) => `f${j}`), seed }, { ...defaults, ...params })

// Computed once with scikit-learn 1.2.1:
//   rng = np.random.default_rng(7)
//   X = np.round(rng.standard_normal((30, 3)), 2); X[:3] += 4
//   Q = np.round(rng.standard_normal((6, 3)) * 2, 2)
//   -LocalOutlierFactor(n_neighbors=k, p=p, novelty=True).fit(X).score_samples(Q)
const TRAIN = matrixFromRows([
  [4.0, 4.3, 3.73], [3.11, 3.55, 3.01], [4.06, 5.34, 3.51], [-0.62, 0.49, 0.36], [0.11, -0.93, -0.03],
  [0.7, -1.34, -0.46], [-1.9, -1.29, -1.84], [-0.24, -1.27, 0.27], [0.16, -0.19, -2.52], [-0.54, -0.05, 0.11],
  [-1.53, -0.48, -0.98], [-0.81, 1.06, -0.81], [-0.03, 0.88, -0.58], [-0.11, 0.11, 0.06], [-1.23, 0.08, 1.36],
  [-1.55, 0.86, 0.12], [-0.64, 2.0, 0.76], [-1.2, 0.07, 0.58], [-0.19, 0.68, -0.07], [0.67, 1.44, -0.68],
  [0.2, -0.46, 0.13], [-1.19, -0.58, -0.2], [0.9, 1.15, -1.32], [-0.79, 0.65, -1.99], [-0.46, -0.1, 1.26],
  [0.69, -0.33, -0.37], [-0.25, 1.52, -0.43], [-0.3, 0.35, -0.12], [-0.2, -1.11, -0.01], [-0.44, 1.17, 0.65],
])
const QUERY = matrixFromRows([
  [-0.05, 1.34, -0.68], [2.1, -0.01, 1.17], [-2.58, 0.69, -3.38], [-4.07, -0.61, -1.8], [0.33, 4.49, -1.66], [-1.25, 0.41, 0.99],
])
const SKLEARN: readonly { k: number; p: number; scores: number[] }[] = [
  { k: 5, p: 2, scores: [1.074152330511524, 2.3754462624133894, 1.650935437660753, 2.034547227630091, 2.656657968133405, 1.096742908765869] },
  { k: 20, p: 2, scores: [0.9883496435944309, 1.2144769069116588, 1.628323303303357, 1.7220650398843962, 1.8582519380348301, 0.9849869312356381] },
  { k: 5, p: 1, scores: [1.0145475880775934, 2.107272366626236, 1.7007825462739343, 1.7322135884686354, 2.461243285236418, 1.07508886700129] },
  // n_neighbors=40 > 30 rows: scikit-learn uses 29
  { k: 40, p: 2, scores: [0.9896645499441575, 0.9896645499441575, 0.9940220677223288, 0.999059108250063, 0.9920731681326038, 0.9896645499441575] },
]

describe('local outlier factor (scikit-learn LocalOutlierFactor(novelty=True))', () => {
  it.each(SKLEARN)('equals scikit-learn -score_samples for k=$k, p=$p with both searches', async ({ k, p, scores }) => {
    for (const algorithm of ['kd_tree', 'brute'] as const) {
      const got = (await fit(TRAIN, { n_neighbors: k, p, algorithm, leaf_size: 2 })).score(QUERY)
      got.forEach((s, i) => expect(Math.abs(s - (scores[i] as number))).toBeLessThan(1e-9))
    }
  })

  it('caps n_neighbors at rows - 1 and says so', async () => {
    const fitted = await fit(TRAIN, { n_neighbors: 40 })
    expect(fitted.notes).toMatchObject({ n_neighbors_effective: 29, n_neighbors_capped: true })
  })

  it('gives identical scores with the KD-tree and brute force, whatever the leaf size', async () => {
    const { X } = plantedAnomalies(800, 4, 0.05, 9)
    const brute = (await fit(X, { algorithm: 'brute' })).score(X)
    for (const leaf_size of [1, 7, 30, 1000]) {
      expect((await fit(X, { algorithm: 'kd_tree', leaf_size })).score(X)).toEqual(brute)
    }
    const manhattan = (await fit(X, { algorithm: 'brute', p: 1 })).score(X)
    expect((await fit(X, { algorithm: 'kd_tree', p: 1 })).score(X)).toEqual(manhattan)
  })

  it('stays finite on duplicated rows (more copies than neighbours) and on a constant column', async () => {
    const rows = [...Array.from({ length: 40 }, () => [1, 2, 0]), ...Array.from({ length: 30 }, (_, i) => [i % 3, i / 7, 0]), [50, 50, 0]]
    const X = matrixFromRows(rows)
    for (const algorithm of ['kd_tree', 'brute'] as const) {
      const scores = (await fit(X, { n_neighbors: 5, algorithm })).score(matrixFromRows([...rows, [1, 2, 0], [1, 2.5, 0]]))
      expect(scores.every(Number.isFinite)).toBe(true)
      // a copy of the duplicated row is exactly as dense as its neighbours
      expect(scores[rows.length]).toBeCloseTo(1, 12)
      expect(scores[rows.length - 1]).toBeGreaterThan(2)
    }
  })

  it('draws a seeded subsample of max_samples rows and reports it', async () => {
    const { X, y } = plantedAnomalies(2000, 3, 0.05, 4)
    const capped = await fit(X, { max_samples: 500 }, 3)
    expect(capped.notes).toMatchObject({ max_samples_applied: true, reference_rows: 500, training_rows: 2000 })
    expect(capped.toJSON().rows).toBe(500)
    expect((await fit(X, { max_samples: 500 }, 3)).score(X)).toEqual(capped.score(X))
    expect((await fit(X, { max_samples: 500 }, 4)).score(X)).not.toEqual(capped.score(X))
    const full = await fit(X)
    expect(full.notes).toMatchObject({ max_samples_applied: false, reference_rows: 2000 })
    // a quarter of the rows still ranks the planted anomalies first
    expect(rocAuc(capped.score(X), y)).toBeGreaterThan(0.99)
  })

  it('rebuilds the same model from JSON with either search', async () => {
    const fitted = await fit(TRAIN, { n_neighbors: 5 })
    const state = JSON.parse(JSON.stringify(fitted.toJSON())) as ReturnType<typeof fitted.toJSON>
    const restored = localOutlierFactor.fromJSON(state, { ...defaults, n_neighbors: 5, algorithm: 'brute' })
    expect(restored.score(QUERY)).toEqual(fitted.score(QUERY))
  })

  it("'auto' uses the KD-tree for few features and brute force for many or for a large k", () => {
    expect(chooseSearch('auto', 10_000, 10, 20)).toBe('kd_tree')
    expect(chooseSearch('auto', 10_000, 36, 20)).toBe('kd_tree')
    expect(chooseSearch('auto', 10_000, 41, 20)).toBe('brute')
    expect(chooseSearch('auto', 30, 3, 20)).toBe('brute')
    expect(chooseSearch('kd_tree', 10_000, 36, 20)).toBe('kd_tree')
  })

  it('refuses a single training row and rows of the wrong width', async () => {
    await expect(fit(matrixFromRows([[1, 2]]))).rejects.toThrow(/at least 2 training rows/)
    const fitted = await fit(TRAIN)
    expect(() => fitted.score(matrixFromRows([[1, 2]]))).toThrow(/rows have 2 features, the model was trained on 3/)
  })
})
