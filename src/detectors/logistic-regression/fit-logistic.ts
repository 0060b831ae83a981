import type { Matrix } from '../../math/matrix.js'
import { classWeights } from '../class-weights.js'
import { solveLbfgs } from './lbfgs.js'
import type { LinearModel } from './linear-model.js'
import { solveNewton } from './newton.js'
import type { LogisticRegressionParams } from './params.js'
import type { Solution } from './solution.js'

/**
 * Above this many features the (d+1)² Hessian and its O(n·d²) accumulation
 * per step cost more than L-BFGS's extra steps, so L-BFGS takes over.
 */
export const NEWTON_MAX_FEATURES = 500

export interface LogisticFit {
  readonly model: LinearModel
  readonly solution: Solution
}

/** Overrides of the automatic choices, for tests and benchmarks. */
export interface FitOptions {
  /** Default: Newton up to NEWTON_MAX_FEATURES features, L-BFGS above. */
  readonly solver?: Solution['solver']
  /** Newton's subsample warm start on large data (default true). */
  readonly warmStart?: boolean
}

/**
 * Minimise scikit-learn's objective Σ s_i · logloss_i + ||w||² / (2C) (intercept
 * unpenalised) on X as given, reading X in place.
 */
export function fitLogistic(X: Matrix, y: Uint8Array, params: LogisticRegressionParams, fit: FitOptions = {}): LogisticFit {
  const problem = { X, y, classWeight: classWeights(y, params.class_weight), lambda: 1 / params.C }
  const options = { maxIter: params.max_iter, tol: params.tol }
  const solver = fit.solver ?? (X.cols > NEWTON_MAX_FEATURES ? 'lbfgs' : 'newton')
  const solution = solver === 'newton' ? solveNewton(problem, options, fit.warmStart ?? true) : solveLbfgs(problem, options)
  const d = X.cols
  return { model: { coef: solution.theta.slice(0, d), intercept: solution.theta[d] as number }, solution }
}
