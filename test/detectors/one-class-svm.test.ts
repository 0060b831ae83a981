import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { drawRows } from '../../src/detectors/one-class-svm/draw-rows.js'
import { fastExp } from '../../src/detectors/one-class-svm/fast-exp.js'
import { resolveGamma } from '../../src/detectors/one-class-svm/gamma.js'
import { oneClassSvm } from '../../src/detectors/one-class-svm/index.js'
import { DEFAULT_MAX_SAMPLES, OneClassSvmParams } from '../../src/detectors/one-class-svm/params.js'
import { matrixFromRows, type Matrix } from '../../src/math/matrix.js'
import { decodeArray } from '../../src/math/typed-array-codec.js'
import { plantedAnomalies } from './planted.js'

const defaults = Value.Default(OneClassSvmParams, {}) as OneClassSvmParams

/** 24 rows, two of them (5 and 17) far from the others. */
const X = matrixFromRows([
  [-0.8, -2.65, -0.12], [0.42, 2.27, 0.05], [-0.55, -1.57, 0.37], [1.63, 0.55, -0.62], [-0.96, 3.2, 0.1], [4.1, -6.3, 2.2],
  [-0.63, -0.98, -0.36], [0.55, -0.13, -0.29], [0.41, 1.66, -0.82], [-0.26, -1.96, -0.09], [-1.29, 0.04, -0.02], [-0.3, -2.1, -0.2],
  [-1.09, -2.71, 0.11], [-1.11, 2.34, 0.36], [-2.0, 0.54, -0.55], [0.03, 0.09, -0.99], [-0.23, -0.51, 0.48], [-3.9, 5.5, -1.8],
  [-0.33, -1.68, 0.72], [0.57, 4.86, 0.32], [0.84, 1.68, -0.3], [-0.07, 2.7, -0.2], [0.19, -0.04, 0.3], [-0.36, -0.3, 0.12],
])
const queries = matrixFromRows([[0, 0, 0], [1, 1, 1], [-2, 3, 0.5], [5, -5, 2], [0.5, -1, 0]])
const SEED = 7
/** The order seed 7 trains in (drawRows(24, cap, 7)); scikit-learn was given X[PERM]. */
const PERM = [17, 14, 1, 8, 9, 21, 4, 19, 23, 7, 5, 11, 6, 15, 3, 20, 13, 2, 0, 10, 22, 16, 18, 12]

/** Original row index of every stored support vector, in stored order. */
function supportRows(state: { supportVectors: Parameters<typeof decodeArray>[0]; nFeatures: number }, data: Matrix): number[] {
  const sv = decodeArray(state.supportVectors, 'float64')
  const d = state.nFeatures
  const rows: number[] = []
  for (let k = 0; k < sv.length / d; k++) {
    rows.push([...Array(data.rows).keys()].find((r) => [...Array(d).keys()].every((c) => data.data[r * d + c] === sv[k * d + c])) ?? -1)
  }
  return rows
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length)
  expected.forEach((e, i) => expect(Math.abs((actual[i] as number) - e)).toBeLessThan(tolerance))
}

describe('one-class SVM (libsvm ν formulation, as scikit-learn OneClassSVM)', () => {
  it('trains in a seeded row order', () => {
    expect(Array.from(drawRows(24, DEFAULT_MAX_SAMPLES, SEED))).toEqual(PERM)
  })

  it("picks scikit-learn's support vectors, dual coefficients, rho and decision values (rbf, defaults)", async () => {
    const fitted = await oneClassSvm.fit({ X, featureNames: ['a', 'b', 'c'], seed: SEED }, defaults)
    const state = fitted.toJSON()
    // /usr/bin/python3, scikit-learn 1.2.1:
    //   m = OneClassSVM().fit(X[PERM])
    //   [PERM[i] for i in m.support_], m.dual_coef_[0], m.offset_[0], m.decision_function(queries), m._gamma
    expect(supportRows(state, X)).toEqual([17, 14, 8, 21, 4, 19, 5, 11, 3, 20, 13, 0, 18, 12])
    const dual = [1, 1, 0.23658079324833634, 0.04522798754815044, 1, 1, 1, 0.7181912192035131, 1, 1, 1, 1, 1, 1]
    expectClose(decodeArray(state.dualCoef, 'float64'), dual, 1e-9)
    expect(state.rho).toBeCloseTo(4.445611272249426, 9)
    expect(state.gamma).toBeCloseTo(0.11093180630908597, 15)
    const decision = [0.4567815276445808, -0.6983656626552865, -1.0736294798406782, -3.654202289634832, 0.038705825497021173]
    // Vigil's score is -decision_function
    expectClose(fitted.score(queries).map((s) => -s), decision, 1e-9)
    expect(fitted.notes).toMatchObject({ n_support_vectors: 14, solver_iterations: 12, converged: true })
  })

  it("matches scikit-learn with the poly kernel and a small nu", async () => {
    const params = { ...defaults, kernel: 'poly' as const, degree: 2, gamma: 0.3, coef0: 1, nu: 0.1 }
    const fitted = await oneClassSvm.fit({ X, featureNames: ['a', 'b', 'c'], seed: SEED }, params)
    const state = fitted.toJSON()
    // m = OneClassSVM(nu=0.1, kernel='poly', degree=2, gamma=0.3, coef0=1.0).fit(X[PERM])
    expect(supportRows(state, X)).toEqual([23, 7, 15, 20, 13, 10, 22])
    const dual = [0.7632038061588442, 0.22290304906710337, 0.31444953935168735, 0.045399490154899795, 0.032037622818493705, 0.022006492448972338, 1]
    expectClose(decodeArray(state.dualCoef, 'float64'), dual, 1e-9)
    const decision = [-0.026551643902925193, 0.014316529280756995, 0.12032966208816909, 1.959291546234418, 0.0880592417812549]
    expectClose(fitted.score(queries).map((s) => -s), decision, 1e-9)
  })

  it("resolves gamma 'scale' to scikit-learn's value and 'auto' to 1 / features", () => {
    // OneClassSVM().fit(X)._gamma = 1 / (3 * X.var())
    expect(resolveGamma('scale', X)).toBe(0.110931806309086)
    expect(resolveGamma('auto', X)).toBe(1 / 3)
    expect(resolveGamma(0.25, X)).toBe(0.25)
    // a constant matrix has no variance: scikit-learn falls back to 1
    expect(resolveGamma('scale', matrixFromRows([[2, 2], [2, 2]]))).toBe(1)
  })

  it('leaves about a fraction nu of the training rows outside the boundary, and keeps at least nu of them as support vectors', async () => {
    const { X: train } = plantedAnomalies(1000, 4, 0.02, 9)
    for (const nu of [0.05, 0.2, 0.5]) {
      const fitted = await oneClassSvm.fit({ X: train, featureNames: [], seed: 3 }, { ...defaults, nu })
      const outside = fitted.score(train).filter((s) => s > 0).length / train.rows
      expect(outside).toBeLessThanOrEqual(nu + 0.005)
      expect(outside).toBeGreaterThan(nu - 0.03)
      expect((fitted.notes?.n_support_vectors as number) / train.rows).toBeGreaterThanOrEqual(nu)
    }
  })

  it('trains on at most max_samples seeded-random rows and says so', async () => {
    const { X: train } = plantedAnomalies(300, 3, 0.05, 4)
    const capped = await oneClassSvm.fit({ X: train, featureNames: [], seed: 1 }, { ...defaults, max_samples: 100 })
    expect(capped.notes).toMatchObject({ rows_used: 100, max_samples_applied: true })
    expect(capped.notes?.n_support_vectors).toBeLessThanOrEqual(100)
    const full = await oneClassSvm.fit({ X: train, featureNames: [], seed: 1 }, defaults)
    expect(full.notes).toMatchObject({ rows_used: 300, max_samples_applied: false })
    const all = await oneClassSvm.fit({ X: train, featureNames: [], seed: 1 }, { ...defaults, max_samples: 'all' })
    expect(all.notes).toMatchObject({ rows_used: 300, max_samples_applied: false })
  })

  it('keeps finite scores when nu = 1 puts every row at the bound (scikit-learn refuses this fit)', async () => {
    const fitted = await oneClassSvm.fit({ X, featureNames: ['a', 'b', 'c'], seed: SEED }, { ...defaults, nu: 1 })
    const scores = fitted.score(X)
    expect(scores.every(Number.isFinite)).toBe(true)
    // every training row on or outside the boundary
    expect(scores.every((s) => s >= -1e-9)).toBe(true)
  })

  it('stops at max_iter and reports that it did not converge', async () => {
    const { X: train } = plantedAnomalies(400, 3, 0.05, 4)
    const fitted = await oneClassSvm.fit({ X: train, featureNames: [], seed: 1 }, { ...defaults, max_iter: 5 })
    expect(fitted.notes).toMatchObject({ solver_iterations: 5, converged: false })
    expect(fitted.score(train).every(Number.isFinite)).toBe(true)
  })

  it('computes exp to within a few ulp', () => {
    for (const x of [-700, -87.3, -20, -1.5, -1e-3, -1e-12, 0, 1e-13]) {
      expect(Math.abs(fastExp(x) - Math.exp(x)) / Math.exp(x)).toBeLessThan(1e-15)
    }
    // clamped instead of subnormal: still 0 in float32
    expect(Math.fround(fastExp(-1e4))).toBe(0)
  })

  it('refuses rows of the wrong width and inconsistent stored state', async () => {
    const fitted = await oneClassSvm.fit({ X, featureNames: ['a', 'b', 'c'], seed: SEED }, defaults)
    expect(() => fitted.score(matrixFromRows([[1, 2]]))).toThrow(/rows have 2 features, the model was trained on 3/)
    const state = fitted.toJSON()
    expect(() => oneClassSvm.fromJSON({ ...state, nFeatures: 4 }, defaults)).toThrow(/support-vector values/)
  })
})
