import type { Matrix } from '../../math/matrix.js'
import { expNonPositive } from './exp.js'
import { margins } from './margins.js'

/** A fitted logistic regression: P(anomaly | x) = σ(coef·x + intercept). */
export interface LinearModel {
  readonly coef: Float64Array
  readonly intercept: number
}

/** σ(coef·x + intercept) for every row, computed without overflow for any margin. */
export function predictProbability(model: LinearModel, X: Matrix): Float64Array {
  const { coef, intercept } = model
  const d = coef.length
  if (X.cols !== d) throw new RangeError(`rows have ${X.cols} features, the model was trained on ${d}`)
  const theta = new Float64Array(d + 1)
  theta.set(coef)
  theta[d] = intercept
  const out = new Float64Array(X.rows)
  margins(X, theta, 0, X.rows, out)
  for (let i = 0; i < out.length; i++) out[i] = sigmoid(out[i] as number)
  return out
}

/** 1 / (1 + e^-z), through e^-|z| so that nothing overflows. */
export function sigmoid(z: number): number {
  const e = expNonPositive(-Math.abs(z))
  return z >= 0 ? 1 / (1 + e) : e / (1 + e)
}
