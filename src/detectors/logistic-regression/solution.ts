/** What a solver returns: θ = [w, b] and how the run ended. */
export interface Solution {
  readonly theta: Float64Array
  /** Steps taken on the full data (Newton or L-BFGS iterations). */
  readonly iterations: number
  /** Newton steps on the warm-start subsample before those (0 if there was none). */
  readonly warmStartIterations: number
  /** The gradient test was met (or the objective cannot decrease further in float64). */
  readonly converged: boolean
  /** Largest absolute gradient component at θ. */
  readonly gradientMax: number
  readonly solver: 'newton' | 'lbfgs'
}

export interface SolverOptions {
  readonly maxIter: number
  readonly tol: number
}

/** Armijo's sufficient-decrease constant for the backtracking line searches. */
export const ARMIJO = 1e-4
/** Most step halvings before a line search gives up. */
export const MAX_HALVINGS = 40
/** Relative change of f below which float64 can no longer tell a decrease apart from rounding. */
export const ROUNDING = 1e-14
