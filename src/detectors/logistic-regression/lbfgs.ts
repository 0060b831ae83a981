/**
 * Limited-memory BFGS (Nocedal & Wright, algorithm 7.4/7.5) for the L2
 * logistic objective when d is too large for a (d+1)² Hessian: memory is X
 * itself plus 2·m vectors of d+1 values; each step is one pass over X (f and ∇f
 * together) plus the rare extra pass of a shortened step. Backtracking Armijo
 * line search from the unit step; a curvature pair is kept only when sᵀy > 0,
 * so the implicit inverse Hessian stays positive definite.
 */
import { evaluate, initialTheta, maxAbs, type Problem } from './objective.js'
import { ARMIJO, MAX_HALVINGS, ROUNDING, type Solution, type SolverOptions } from './solution.js'

/** Curvature pairs kept (scipy's L-BFGS-B default). */
const MEMORY = 10

export function solveLbfgs(problem: Problem, options: SolverOptions): Solution {
  const D = problem.X.cols + 1
  let theta = initialTheta(problem)
  let trial: Float64Array = new Float64Array(D)
  let grad: Float64Array = new Float64Array(D)
  let trialGrad: Float64Array = new Float64Array(D)
  const direction = new Float64Array(D)
  const alpha = new Float64Array(MEMORY)
  const S: Float64Array[] = []
  const Y: Float64Array[] = []
  const rho: number[] = []

  let f = evaluate(problem, theta, grad)
  let iterations = 0
  let converged = false
  while (true) {
    if (maxAbs(grad) <= options.tol) {
      converged = true
      break
    }
    if (iterations >= options.maxIter) break
    searchDirection(grad, S, Y, rho, alpha, direction)
    let slope = dot(grad, direction)
    if (!(slope < 0)) {
      // lost descent through rounding in the pairs: restart from steepest descent
      S.length = Y.length = rho.length = 0
      searchDirection(grad, S, Y, rho, alpha, direction)
      slope = dot(grad, direction)
    }
    // the first step has no curvature yet: scale it to move θ by at most 1 per component
    let t = S.length === 0 ? Math.min(1, 1 / maxAbs(grad)) : 1
    let fTrial = NaN
    let accepted = false
    const gradMax = maxAbs(grad)
    for (let h = 0; h <= MAX_HALVINGS; h++) {
      for (let j = 0; j < D; j++) trial[j] = (theta[j] as number) + t * (direction[j] as number)
      fTrial = evaluate(problem, trial, trialGrad)
      const decreased = fTrial <= f + ARMIJO * t * slope
      const flatButCloser = fTrial - f <= ROUNDING * Math.abs(f) && maxAbs(trialGrad) < gradMax
      if (Number.isFinite(fTrial) && (decreased || flatButCloser)) {
        accepted = true
        break
      }
      t /= 2
    }
    if (!accepted) {
      if (S.length === 0) break // not even steepest descent decreases f: stalled at float64 resolution
      S.length = Y.length = rho.length = 0
      continue
    }
    const s = new Float64Array(D)
    const yv = new Float64Array(D)
    for (let j = 0; j < D; j++) {
      s[j] = (trial[j] as number) - (theta[j] as number)
      yv[j] = (trialGrad[j] as number) - (grad[j] as number)
    }
    const sy = dot(s, yv)
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(yv, yv))) {
      if (S.length === MEMORY) {
        S.shift()
        Y.shift()
        rho.shift()
      }
      S.push(s)
      Y.push(yv)
      rho.push(1 / sy)
    }
    f = fTrial
    ;[theta, trial] = [trial, theta]
    ;[grad, trialGrad] = [trialGrad, grad]
    iterations++
  }
  return { theta, iterations, converged, gradientMax: maxAbs(grad), solver: 'lbfgs', warmStartIterations: 0 }
}

/** direction = -H·∇f by the two-loop recursion over the stored pairs (oldest first in S, Y). */
function searchDirection(
  grad: Float64Array,
  S: readonly Float64Array[],
  Y: readonly Float64Array[],
  rho: readonly number[],
  alpha: Float64Array,
  direction: Float64Array,
): void {
  const D = grad.length
  for (let j = 0; j < D; j++) direction[j] = -(grad[j] as number)
  const m = S.length
  for (let i = m - 1; i >= 0; i--) {
    const a = (rho[i] as number) * dot(S[i] as Float64Array, direction)
    alpha[i] = a
    axpy(-a, Y[i] as Float64Array, direction)
  }
  if (m > 0) {
    // initial inverse Hessian γI with γ = sᵀy / yᵀy of the newest pair
    const yLast = Y[m - 1] as Float64Array
    const gamma = 1 / ((rho[m - 1] as number) * dot(yLast, yLast))
    for (let j = 0; j < D; j++) direction[j] = (direction[j] as number) * gamma
  }
  for (let i = 0; i < m; i++) {
    const beta = (rho[i] as number) * dot(Y[i] as Float64Array, direction)
    axpy((alpha[i] as number) - beta, S[i] as Float64Array, direction)
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number)
  return s
}

/** y += a·x */
function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] = (y[i] as number) + a * (x[i] as number)
}
