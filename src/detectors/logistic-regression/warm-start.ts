import { createMatrix } from '../../math/matrix.js'
import type { Problem } from './objective.js'

/**
 * A small copy of `problem` for warm-starting Newton: about `rows` rows, taken
 * class by class at an even stride (deterministic, no random draw), half the
 * budget per class, so that a rare class keeps all or most of its rows. Each
 * class's weight is scaled by (its rows) / (its sampled rows), which keeps the
 * class totals, and with them the balance between the loss and the L2
 * penalty, as in the full problem.
 */
export function subsampleProblem(problem: Problem, rows: number): Problem {
  const { X, y } = problem
  const d = X.cols
  let n1 = 0
  for (let i = 0; i < y.length; i++) n1 += y[i] as number
  const n0 = y.length - n1
  // a class smaller than half the budget is kept whole and leaves the rest to the other
  const keep1 = Math.min(n1, Math.max(Math.ceil(rows / 2), rows - n0))
  const keep0 = Math.min(n0, rows - keep1)
  const stride0 = Math.max(1, Math.floor(n0 / Math.max(1, keep0)))
  const stride1 = Math.max(1, Math.floor(n1 / Math.max(1, keep1)))
  const taken0 = Math.ceil(n0 / stride0)
  const taken1 = Math.ceil(n1 / stride1)
  const sub = createMatrix(taken0 + taken1, d)
  const ys = new Uint8Array(taken0 + taken1)
  const src = X.data
  const dst = sub.data
  let seen0 = 0
  let seen1 = 0
  let k = 0
  for (let i = 0; i < y.length; i++) {
    const positive = y[i] === 1
    const take = positive ? seen1++ % stride1 === 0 : seen0++ % stride0 === 0
    if (!take) continue
    for (let j = 0, from = i * d, to = k * d; j < d; j++) dst[to + j] = src[from + j] as number
    ys[k++] = positive ? 1 : 0
  }
  const [w0, w1] = problem.classWeight
  return {
    ...problem,
    X: sub,
    y: ys,
    classWeight: [taken0 > 0 ? (w0 * n0) / taken0 : w0, taken1 > 0 ? (w1 * n1) / taken1 : w1],
  }
}
