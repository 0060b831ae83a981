import { initialGradient } from './initial-gradient.js'
import type { KernelMatrix } from './kernel-matrix.js'

/** alpha_i = 0 */
export const LOWER = 0
/** alpha_i = C (= 1: every row has unit weight) */
export const UPPER = 1
/** 0 < alpha_i < C */
export const FREE = 2

/**
 * The working arrays of libsvm's `Solver` for the one-class dual
 *
 *   min ½ αᵀQα   subject to 0 ≤ α_i ≤ 1, Σ α_i = ν·l
 *
 * where every label y_i = +1 and the linear term p is 0, so both are left
 * out. Positions [0, activeSize) are the rows not shrunk away.
 */
export interface SolverState {
  readonly l: number
  readonly Q: KernelMatrix
  readonly eps: number
  activeSize: number
  /** Whether the one-time un-shrinking near convergence has happened. */
  unshrink: boolean
  readonly alpha: Float64Array
  readonly status: Uint8Array
  /** Gradient Qα. */
  readonly G: Float64Array
  /** Gradient contribution of the rows at the upper bound: Σ_{α_j = C} C·Q_ij. */
  readonly Gbar: Float64Array
  /** Original index of the row at each position. */
  readonly activeSet: Int32Array
}

export function statusOf(alpha: number): number {
  return alpha >= 1 ? UPPER : alpha <= 0 ? LOWER : FREE
}

/** Start from libsvm's feasible alpha (nonzero on a prefix) with its gradient G and Gbar. */
export function createSolverState(Q: KernelMatrix, alpha0: Float64Array, eps: number): SolverState {
  const l = Q.l
  const alpha = alpha0.slice()
  const status = new Uint8Array(l)
  const activeSet = new Int32Array(l)
  for (let i = 0; i < l; i++) {
    status[i] = statusOf(alpha[i] as number)
    activeSet[i] = i
  }
  const G = new Float64Array(l)
  const Gbar = new Float64Array(l)
  initialGradient(Q, alpha, G, Gbar)
  return { l, Q, eps, activeSize: l, unshrink: false, alpha, status, G, Gbar, activeSet }
}

/** Exchange positions i and j everywhere (libsvm's `swap_index`). */
export function swapPositions(s: SolverState, i: number, j: number): void {
  s.Q.swap(i, j)
  swapIn(s.G, i, j)
  swapIn(s.Gbar, i, j)
  swapIn(s.alpha, i, j)
  swapIn(s.status, i, j)
  swapIn(s.activeSet, i, j)
}

function swapIn(a: Float64Array | Int32Array | Uint8Array, i: number, j: number): void {
  const t = a[i] as number
  a[i] = a[j] as number
  a[j] = t
}
