import { TAU } from './select-working-set.js'
import { UPPER, statusOf, type SolverState } from './solver-state.js'

/**
 * One SMO step on the pair (i, j): the analytic minimum along
 * α_i + α_j = const, clipped to the box [0, 1]², then the gradient update
 * over the active rows and the Gbar update when a row reaches or leaves the
 * upper bound (libsvm `Solver::Solve`, branch y_i = y_j).
 */
export function updatePair(s: SolverState, i: number, j: number): void {
  const { Q, alpha, G, Gbar, status, l } = s
  const n = s.activeSize
  const Qi = Q.row(i, n)
  const Qj = Q.row(j, n)
  const C = 1
  const oldI = alpha[i] as number
  const oldJ = alpha[j] as number
  let quad = (Q.diagonal[i] as number) + (Q.diagonal[j] as number) - 2 * (Qi[j] as number)
  if (quad <= 0) quad = TAU
  const delta = ((G[i] as number) - (G[j] as number)) / quad
  const sum = oldI + oldJ
  let ai = oldI - delta
  let aj = oldJ + delta
  if (sum > C) {
    if (ai > C) {
      ai = C
      aj = sum - C
    }
  } else if (aj < 0) {
    aj = 0
    ai = sum
  }
  if (sum > C) {
    if (aj > C) {
      aj = C
      ai = sum - C
    }
  } else if (ai < 0) {
    ai = 0
    aj = sum
  }
  alpha[i] = ai
  alpha[j] = aj

  const dI = ai - oldI
  const dJ = aj - oldJ
  for (let k = 0; k < n; k++) G[k] += (Qi[k] as number) * dI + (Qj[k] as number) * dJ

  const wasUpperI = status[i] === UPPER
  const wasUpperJ = status[j] === UPPER
  status[i] = statusOf(ai)
  status[j] = statusOf(aj)
  if (wasUpperI !== (status[i] === UPPER)) addRow(Gbar, Q.row(i, l), wasUpperI ? -C : C, l)
  if (wasUpperJ !== (status[j] === UPPER)) addRow(Gbar, Q.row(j, l), wasUpperJ ? -C : C, l)
}

/** Gbar ± C·Q_i over all l positions. */
function addRow(Gbar: Float64Array, Qi: Float32Array, sign: number, l: number): void {
  if (sign < 0) for (let k = 0; k < l; k++) Gbar[k] -= Qi[k] as number
  else for (let k = 0; k < l; k++) Gbar[k] += Qi[k] as number
}
