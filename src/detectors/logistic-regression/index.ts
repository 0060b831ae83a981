import { namedExplainer } from '../../explain/named-explainer.js'
import { decodeArray, encodeArray, type EncodedArray } from '../../math/typed-array-codec.js'
import type { Matrix } from '../../math/matrix.js'
import type { DetectorPlugin, FitNotes, Fitted } from '../types.js'
import { fitLogistic } from './fit-logistic.js'
import { predictProbability, type LinearModel } from './linear-model.js'
import { LogisticRegressionParams } from './params.js'

/** The stored form of a trained logistic regression. */
export interface LogisticRegressionState {
  /** One coefficient per feature, in training feature order (float64). */
  readonly coef: EncodedArray
  readonly intercept: number
  /**
   * Per feature, its mean over the training rows (float64): contributions are
   * coefficient × (value − mean), so a typical value contributes nothing
   * whatever the feature's units. Absent in versions stored before it was
   * kept (their inputs were standardised, so the means were 0).
   */
  readonly mean?: EncodedArray
}

function columnMeans(X: Matrix): Float64Array {
  const mean = new Float64Array(X.cols)
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < X.cols; j++) mean[j] = (mean[j] as number) + (X.data[i * X.cols + j] as number)
  for (let j = 0; j < X.cols; j++) mean[j] = (mean[j] as number) / Math.max(1, X.rows)
  return mean
}

function fitted(model: LinearModel, mean: Float64Array | undefined, notes?: FitNotes): Fitted<LogisticRegressionState> {
  return {
    score: (X) => predictProbability(model, X),
    // coefficient × input: with standardised inputs, each feature's pull on the log-odds
    explain: namedExplainer((X, row) => Float64Array.from(model.coef, (c, j) => c * ((X.data[row * X.cols + j] as number) - (mean?.[j] ?? 0))), () => 'coefficients'),
    toJSON: () => ({ coef: encodeArray(model.coef), intercept: model.intercept, ...(mean ? { mean: encodeArray(mean) } : {}) }),
    ...(notes ? { notes } : {}),
  }
}

/**
 * scikit-learn's `LogisticRegression(penalty='l2')` for binary labels, solved
 * by Newton's method (L-BFGS above 500 features) to the same optimum; score =
 * P(anomaly). Deterministic: the seed is not used.
 *
 * Features are used as given (no standardisation inside), so the coefficients
 * compare with scikit-learn's on the same X; as there, the penalty acts on the
 * raw coefficients, so a feature's scale changes the model. Standardise first
 * (the feature pipeline's job): unscaled features make the problem
 * ill-conditioned and slow convergence down. Newton still reaches the optimum
 * in a few more steps (see `notes.iterations`); L-BFGS, used above 500
 * features, can need thousands of steps and stop at `max_iter` unconverged
 * (`notes.converged: false`).
 */
export const logisticRegression: DetectorPlugin<typeof LogisticRegressionParams, LogisticRegressionState> = {
  id: 'logistic_regression',
  title: 'Logistic regression',
  description:
    'L2-regularised logistic regression (scikit-learn LogisticRegression): a linear boundary between labelled anomalies and normal rows; score = P(anomaly). Needs labels; fast, small, interpretable coefficients.',
  supervised: true,
  // as scikit-learn: the penalty acts on the coefficients of the features as given. Standardising first
  // changes the optimum (on ODDS ionosphere it cost 0.02-0.03 AUROC against scikit-learn's defaults),
  // and Newton's method converges on unscaled features; features.standardize: true still applies it
  standardize: false,
  params: LogisticRegressionParams,
  stateVersion: 1,
  async fit(train, params) {
    if (!train.y) throw new TypeError('logistic_regression is supervised: TrainSet.y is required')
    const { model, solution } = fitLogistic(train.X, train.y, params)
    return fitted(model, columnMeans(train.X), {
      iterations: solution.iterations,
      warm_start_iterations: solution.warmStartIterations,
      converged: solution.converged,
      solver: solution.solver,
      gradient_max: solution.gradientMax,
    })
  },
  fromJSON(state) {
    if (!Number.isFinite(state.intercept)) throw new RangeError(`stored intercept is ${String(state.intercept)}, expected a finite number`)
    const coef = decodeArray(state.coef, 'float64')
    const mean = state.mean ? decodeArray(state.mean, 'float64') : undefined
    if (mean && mean.length !== coef.length) throw new RangeError(`stored means have ${mean.length} values, the coefficients ${coef.length}`)
    return fitted({ coef, intercept: state.intercept }, mean)
  },
}
