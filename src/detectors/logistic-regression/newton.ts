/**
 * Newton's method (IRLS) for the L2 logistic objective: each step solves
 * H Δ = -∇f with a Cholesky factorisation of the (d+1)² Hessian and halves the
 * step until the Armijo condition holds. A step costs one pass over X for f,
 * ∇f and the per-row IRLS weights, plus one to accumulate X̃ᵀ S X̃ when the
 * Hessian is rebuilt.
 *
 * Two savings that leave the optimum untouched (convergence is always judged
 * on the full gradient, and the Armijo test guards every step):
 * - warm start: with many rows, Newton first solves a small class-stratified
 *   subsample (`warm-start.ts`). Its optimum lies within sampling noise of the
 *   full one and its Hessian is a fair estimate of the full Hessian, so the
 *   full problem starts there with that factorisation and typically needs
 *   3-5 passes over X and a single full Hessian;
 * - lazy Hessian: after a step that cuts the gradient twentyfold, θ moves so
 *   little that the factorised Hessian is kept for the next step (a chord
 *   step); it is rebuilt as soon as a step makes less progress.
 */
import { choleskyFactor, choleskySolve } from './cholesky.js'
import { accumulateHessian } from './hessian.js'
import { evaluate, initialTheta, maxAbs, type Problem } from './objective.js'
import { ARMIJO, MAX_HALVINGS, ROUNDING, type Solution, type SolverOptions } from './solution.js'
import { subsampleProblem } from './warm-start.js'

/** Below this many rows the warm start costs more than it saves. */
export const WARM_START_MIN_ROWS = 20_000
/** Rows of the warm-start subsample: enough for a usable Hessian estimate in d + 1 dimensions. */
const warmStartRows = (d: number): number => Math.max(5_000, 200 * (d + 1))
/**
 * The warm start stops once its largest gradient component is below this
 * times √(total weight): a few per cent of the sampling noise that separates
 * its optimum from the full one, so solving it further would not help.
 */
const WARM_START_TOL = 1e-2
/** A step that shrinks the largest gradient component at least this much keeps the Hessian for the next step. */
const REUSE_HESSIAN_RATIO = 0.05

interface Run {
  readonly theta: Float64Array
  readonly iterations: number
  readonly converged: boolean
  readonly gradientMax: number
  /** Cholesky factor of the last Hessian built (at θ or one step before), if any. */
  readonly factor: Float64Array | null
}

export function solveNewton(problem: Problem, options: SolverOptions, warmStart = true): Solution {
  const n = problem.X.rows
  let start = initialTheta(problem)
  let factor: Float64Array | null = null
  let warmStartIterations = 0
  if (warmStart && n >= WARM_START_MIN_ROWS) {
    const sub = subsampleProblem(problem, warmStartRows(problem.X.cols))
    const [w0, w1] = problem.classWeight
    let positives = 0
    for (let i = 0; i < n; i++) positives += problem.y[i] as number
    const tol = Math.max(options.tol, WARM_START_TOL * Math.sqrt(w0 * (n - positives) + w1 * positives))
    const warm = newtonSteps(sub, initialTheta(sub), { maxIter: options.maxIter, tol }, null)
    start = warm.theta
    factor = warm.factor
    warmStartIterations = warm.iterations
  }
  const run = newtonSteps(problem, start, options, factor)
  return {
    theta: run.theta,
    iterations: run.iterations,
    converged: run.converged,
    gradientMax: run.gradientMax,
    solver: 'newton',
    warmStartIterations,
  }
}

function newtonSteps(problem: Problem, start: Float64Array, options: SolverOptions, startFactor: Float64Array | null): Run {
  const D = problem.X.cols + 1
  let theta = start
  let trial: Float64Array = new Float64Array(D)
  let grad: Float64Array = new Float64Array(D)
  let trialGrad: Float64Array = new Float64Array(D)
  const step = new Float64Array(D)
  // one weight per row; only the current point's are needed, and only until its Hessian is built,
  // so the line search's trial evaluations may overwrite them
  const curvature = new Float64Array(problem.X.rows)
  const hessian = new Float64Array(D * D)
  let factor = startFactor
  let fresh = false
  let reuse = factor !== null

  let f = evaluate(problem, theta, grad, curvature)
  let gradMax = maxAbs(grad)
  let iterations = 0
  let converged = false
  while (true) {
    if (gradMax <= options.tol) {
      converged = true
      break
    }
    if (iterations >= options.maxIter) break
    if (!reuse || factor === null) {
      accumulateHessian(problem, curvature, hessian)
      factor ??= new Float64Array(D * D)
      choleskyFactor(hessian, D, factor)
      fresh = true
    }
    choleskySolve(factor, D, grad, step)
    // step = H⁻¹∇f, the Newton direction is -step, so the slope along it is -∇fᵀstep
    let slope = 0
    for (let j = 0; j < D; j++) slope -= (grad[j] as number) * (step[j] as number)
    if (fresh && -slope <= ROUNDING * Math.max(1, Math.abs(f))) {
      // the predicted decrease is below float64's resolution of f: θ is as good as it gets
      converged = true
      break
    }
    let t = 1
    let accepted = false
    for (let h = 0; h <= MAX_HALVINGS && !accepted; h++, t /= 2) {
      for (let j = 0; j < D; j++) trial[j] = (theta[j] as number) - t * (step[j] as number)
      const fTrial = evaluate(problem, trial, trialGrad, curvature)
      const trialMax = maxAbs(trialGrad)
      // near the optimum f stops resolving the decrease; a smaller gradient still says "better"
      const flatButCloser = fTrial - f <= ROUNDING * Math.abs(f) && trialMax < gradMax
      if (Number.isFinite(fTrial) && (fTrial <= f + ARMIJO * t * slope || flatButCloser)) {
        accepted = true
        reuse = t === 1 && trialMax <= REUSE_HESSIAN_RATIO * gradMax
        f = fTrial
        gradMax = trialMax
        ;[theta, trial] = [trial, theta]
        ;[grad, trialGrad] = [trialGrad, grad]
      }
    }
    if (!accepted) {
      if (fresh) break // not even a tiny Newton step decreases f: stalled at float64 resolution
      // a kept Hessian gave a poor direction: rebuild it at θ (the trials overwrote θ's row weights)
      evaluate(problem, theta, grad, curvature)
      reuse = false
      continue
    }
    fresh = false
    iterations++
  }
  return { theta, iterations, converged, gradientMax: gradMax, factor }
}
