import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { expNonPositive } from '../../src/detectors/logistic-regression/exp.js'
import { fitLogistic, type FitOptions } from '../../src/detectors/logistic-regression/fit-logistic.js'
import { logisticRegression } from '../../src/detectors/logistic-regression/index.js'
import { sigmoid } from '../../src/detectors/logistic-regression/linear-model.js'
import { WARM_START_MIN_ROWS } from '../../src/detectors/logistic-regression/newton.js'
import { LogisticRegressionParams } from '../../src/detectors/logistic-regression/params.js'
import { createMatrix, matrixFromRows, type Matrix } from '../../src/math/matrix.js'
import { createRng } from '../../src/math/random.js'

const defaults = Value.Default(LogisticRegressionParams, {}) as LogisticRegressionParams

/**
 * 60 rows, 3 features, 21 positives, not separable; reproducible in Python:
 *   i = np.arange(60)
 *   X = np.column_stack([np.sin(1.3 * i), 2 * np.cos(0.7 * i), (i * 37 % 11) / 5 - 1])
 *   y = (np.sin(0.9 * i + 0.4) + X[:, 0] - 0.5 * X[:, 1] > 0.6).astype(int)
 */
function smallDataset(scale: readonly number[] = [1, 1, 1]): { X: Matrix; y: Uint8Array } {
  const rows: number[][] = []
  const y = new Uint8Array(60)
  for (let i = 0; i < 60; i++) {
    const x = [Math.sin(1.3 * i), 2 * Math.cos(0.7 * i), ((i * 37) % 11) / 5 - 1]
    y[i] = Math.sin(0.9 * i + 0.4) + (x[0] as number) - 0.5 * (x[1] as number) > 0.6 ? 1 : 0
    rows.push(x.map((v, j) => v * (scale[j] as number)))
  }
  return { X: matrixFromRows(rows), y }
}

/** Gaussian features, labels drawn from a logistic model with the given intercept. */
function gaussianDataset(n: number, d: number, seed: number, intercept = -2): { X: Matrix; y: Uint8Array } {
  const rng = createRng(seed)
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())
  const beta = Array.from({ length: d }, () => gauss())
  const X = createMatrix(n, d)
  const y = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    let z = intercept
    for (let j = 0; j < d; j++) {
      const v = gauss()
      X.data[i * d + j] = v
      z += v * (beta[j] as number)
    }
    y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0
  }
  return { X, y }
}

function expectCoefficients(fit: ReturnType<typeof fitLogistic>, coef: readonly number[], intercept: number, tolerance: number): void {
  expect(fit.model.coef).toHaveLength(coef.length)
  coef.forEach((c, j) => expect(Math.abs((fit.model.coef[j] as number) - c)).toBeLessThan(tolerance))
  expect(Math.abs(fit.model.intercept - intercept)).toBeLessThan(tolerance)
}

const fit = (data: { X: Matrix; y: Uint8Array }, params: Partial<LogisticRegressionParams> = {}, options: FitOptions = {}) =>
  fitLogistic(data.X, data.y, { ...defaults, ...params }, options)

describe('logistic regression (scikit-learn LogisticRegression, penalty l2)', () => {
  it("has scikit-learn's defaults", () => {
    expect(defaults).toEqual({ C: 1, class_weight: null, max_iter: 100, tol: 1e-4 })
    expect(logisticRegression.supervised).toBe(true)
    expect(logisticRegression.id).toBe('logistic_regression')
  })

  it("matches scikit-learn's coefficients", () => {
    // LogisticRegression().fit(X, y) in scikit-learn 1.2.1 (lbfgs, 10 iterations; within 7e-7 of the exact optimum)
    expectCoefficients(fit(smallDataset()), [1.4013511899552578, -0.9997212197408201, 0.49942970905564454], -0.9786943866870823, 1e-4)
  })

  it("matches scikit-learn's coefficients with class_weight='balanced'", () => {
    // LogisticRegression(class_weight='balanced').fit(X, y) in scikit-learn 1.2.1 (lbfgs, 9 iterations)
    expectCoefficients(
      fit(smallDataset(), { class_weight: 'balanced' }),
      [1.4270528669719138, -1.0403035922897144, 0.5723674300187495],
      -0.40989770428666406,
      1e-4,
    )
  })

  it('reaches the same optimum on unscaled features (no standardisation inside)', () => {
    // the third column x100: LogisticRegression().fit(X * [1, 1, 100], y), lbfgs, 21 iterations
    const unscaled = smallDataset([1, 1, 100])
    expectCoefficients(fit(unscaled), [1.4165453229457023, -1.0092263450160353, 0.0065898287192696255], -0.9794412640172057, 1e-4)
    // LogisticRegression(class_weight='balanced').fit(X * [1, 1, 100], y), lbfgs, 32 iterations
    expectCoefficients(
      fit(unscaled, { class_weight: 'balanced' }),
      [1.4430578178415776, -1.0597519386205734, 0.0075093625097335534],
      -0.4121227401254917,
      1e-4,
    )
  })

  it('reports its iterations and convergence, and stops at max_iter', () => {
    const result = fit(smallDataset())
    expect(result.solution.solver).toBe('newton')
    expect(result.solution.converged).toBe(true)
    expect(result.solution.iterations).toBeGreaterThan(0)
    expect(result.solution.iterations).toBeLessThan(20)
    expect(result.solution.gradientMax).toBeLessThanOrEqual(1e-4)

    const capped = fit(smallDataset(), { max_iter: 1 })
    expect(capped.solution.iterations).toBe(1)
    expect(capped.solution.converged).toBe(false)
  })

  it('puts iterations and convergence in the fit notes', async () => {
    const { X, y } = smallDataset()
    const fitted = await logisticRegression.fit({ X, y, featureNames: ['a', 'b', 'c'], seed: 1 }, defaults)
    expect(fitted.notes).toMatchObject({ converged: true, solver: 'newton', warm_start_iterations: 0 })
    expect(fitted.notes?.iterations).toBeGreaterThan(0)
  })

  it('stays finite on perfectly separable data, however weak the penalty', () => {
    const rng = createRng(7)
    const rows: number[][] = []
    const y = new Uint8Array(200)
    for (let i = 0; i < 200; i++) {
      y[i] = i % 4 === 0 ? 1 : 0
      rows.push([(y[i] ? 1 : -1) * (0.5 + rng.next()), rng.next() - 0.5])
    }
    const X = matrixFromRows(rows)
    let previous = 0
    for (const C of [1, 1e3, 1e12]) {
      for (const class_weight of [null, 'balanced'] as const) {
        const result = fit({ X, y }, { C, class_weight })
        expect(result.solution.converged).toBe(true)
        expect([...result.model.coef, result.model.intercept].every(Number.isFinite)).toBe(true)
        expect(result.model.coef[0]).toBeGreaterThan(0)
      }
      const w = fit({ X, y }, { C }).model.coef[0] as number
      expect(w).toBeGreaterThan(previous) // weaker penalty, steeper boundary
      previous = w
    }
  })

  it('gives the same coefficients by L-BFGS as by Newton on a moderate problem', () => {
    const data = gaussianDataset(2000, 30, 5)
    const newton = fit(data, {}, { solver: 'newton' })
    const lbfgs = fit(data, {}, { solver: 'lbfgs' })
    expect(lbfgs.solution.solver).toBe('lbfgs')
    expect(lbfgs.solution.converged).toBe(true)
    expectCoefficients(lbfgs, [...newton.model.coef], newton.model.intercept, 1e-5)
  })

  it('uses L-BFGS above 500 features', () => {
    const data = gaussianDataset(600, 520, 9)
    const result = fit(data)
    expect(result.solution.solver).toBe('lbfgs')
    expect(result.model.coef.every(Number.isFinite)).toBe(true)
  })

  it('reaches the same optimum with and without the subsample warm start', () => {
    for (const class_weight of [null, 'balanced'] as const) {
      const data = gaussianDataset(WARM_START_MIN_ROWS + 5000, 6, 3, -4) // ~5% positives
      const warm = fit(data, { class_weight })
      const cold = fit(data, { class_weight }, { warmStart: false })
      expect(warm.solution.warmStartIterations).toBeGreaterThan(0)
      expect(cold.solution.warmStartIterations).toBe(0)
      expect(warm.solution.converged && cold.solution.converged).toBe(true)
      expectCoefficients(warm, [...cold.model.coef], cold.model.intercept, 1e-6)
    }
  })

  it('scores P(anomaly) = sigmoid(w.x + b), identical after a JSON round trip', async () => {
    const { X, y } = smallDataset()
    const fitted = await logisticRegression.fit({ X, y, featureNames: ['a', 'b', 'c'], seed: 1 }, defaults)
    const { coef, intercept } = fit({ X, y }).model
    const scores = fitted.score(X)
    for (let i = 0; i < X.rows; i++) {
      const z = intercept + X.data[i * 3]! * coef[0]! + X.data[i * 3 + 1]! * coef[1]! + X.data[i * 3 + 2]! * coef[2]!
      expect(scores[i]).toBeCloseTo(1 / (1 + Math.exp(-z)), 14)
    }
    const restored = logisticRegression.fromJSON(JSON.parse(JSON.stringify(fitted.toJSON())), defaults)
    expect(restored.score(X)).toEqual(scores)
  })

  it('refuses rows of the wrong width', async () => {
    const { X, y } = smallDataset()
    const fitted = await logisticRegression.fit({ X, y, featureNames: ['a', 'b', 'c'], seed: 1 }, defaults)
    expect(() => fitted.score(matrixFromRows([[1, 2]]))).toThrow(/rows have 2 features, the model was trained on 3/)
  })

  it('computes the sigmoid without overflow and e^x to within 2 ulp', () => {
    expect(sigmoid(0)).toBe(0.5)
    expect(sigmoid(800)).toBe(1)
    expect(sigmoid(-800)).toBe(0)
    expect(sigmoid(-40)).toBeCloseTo(Math.exp(-40), 30)
    const rng = createRng(1)
    let worst = 0
    for (let k = 0; k < 100_000; k++) {
      const x = -rng.next() * (k % 2 ? 5 : 708)
      const exact = Math.exp(x)
      worst = Math.max(worst, Math.abs(expNonPositive(x) - exact) / exact)
    }
    expect(worst).toBeLessThanOrEqual(2 * Number.EPSILON)
    expect(expNonPositive(0)).toBe(1)
    expect(expNonPositive(-750)).toBe(0)
    expect(expNonPositive(NaN)).toBeNaN()
  })
})
