import type { KernelMatrix } from './kernel-matrix.js'
import { selectWorkingSet } from './select-working-set.js'
import { reconstructGradient, shrink } from './shrinking.js'
import { createSolverState, LOWER, UPPER, type SolverState } from './solver-state.js'
import { updatePair } from './update-pair.js'

export interface SolverOptions {
  /** Stopping tolerance on the KKT violation (scikit-learn's `tol`). */
  readonly eps: number
  readonly shrinking: boolean
  /** -1 = no limit. */
  readonly maxIter: number
}

export interface Solution {
  /** Dual coefficients in the original row order. */
  readonly alpha: Float64Array
  readonly rho: number
  /** Dual objective ½αᵀQα. */
  readonly objective: number
  readonly iterations: number
  /** True when max_iter stopped the solver before the tolerance was met. */
  readonly stoppedEarly: boolean
}

/** Rows between shrinking passes (libsvm: min(l, 1000)). */
const SHRINK_EVERY = 1000

/** libsvm's `Solver::Solve` for the one-class dual (SMO with WSS3, shrinking and an LRU kernel cache). */
export function solve(Q: KernelMatrix, alpha0: Float64Array, options: SolverOptions): Solution {
  const s = createSolverState(Q, alpha0, options.eps)
  const l = s.l
  const pair = new Int32Array(2)
  let iter = 0
  let counter = Math.min(l, SHRINK_EVERY) + 1
  let stoppedEarly = false
  for (;;) {
    if (options.maxIter !== -1 && iter >= options.maxIter) {
      stoppedEarly = true
      break
    }
    if (--counter === 0) {
      counter = Math.min(l, SHRINK_EVERY)
      if (options.shrinking) shrink(s)
    }
    if (selectWorkingSet(s, pair)) {
      // optimal on the active set: check the whole set before stopping
      reconstructGradient(s)
      s.activeSize = l
      if (selectWorkingSet(s, pair)) break
      counter = 1 // shrink again at the next iteration
    }
    iter++
    updatePair(s, pair[0] as number, pair[1] as number)
  }
  const alpha = new Float64Array(l)
  let objective = 0
  for (let i = 0; i < l; i++) {
    alpha[s.activeSet[i] as number] = s.alpha[i] as number
    objective += (s.alpha[i] as number) * (s.G[i] as number)
  }
  return { alpha, rho: calculateRho(s), objective: objective / 2, iterations: iter, stoppedEarly }
}

/**
 * ρ = the mean gradient over free rows; without free rows, the midpoint of
 * the interval the bounded rows allow (libsvm's `calculate_rho`, y = +1).
 * Like scikit-learn's libsvm, it reads the active rows only, which after a
 * normal stop are all of them. When every row is at the upper bound
 * (ν = 1) the interval is [max G, ∞): libsvm returns ∞ and scikit-learn
 * refuses the fit; here ρ = max G, so every training row lies on or
 * outside the boundary, as ν = 1 asks.
 */
function calculateRho(s: SolverState): number {
  let ub = Infinity
  let lb = -Infinity
  let nFree = 0
  let sumFree = 0
  for (let i = 0; i < s.activeSize; i++) {
    const g = s.G[i] as number
    if (s.status[i] === UPPER) lb = Math.max(lb, g)
    else if (s.status[i] === LOWER) ub = Math.min(ub, g)
    else {
      nFree++
      sumFree += g
    }
  }
  if (nFree > 0) return sumFree / nFree
  if (ub === Infinity) return lb
  if (lb === -Infinity) return ub
  return (ub + lb) / 2
}
