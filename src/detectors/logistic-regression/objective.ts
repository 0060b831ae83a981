/**
 * scikit-learn's binary logistic objective with an unpenalised intercept:
 *
 *   f(w, b) = Σ_i s_i · log(1 + exp(-ỹ_i (w·x_i + b))) + ||w||² / (2C)
 *
 * with ỹ_i = ±1 and s_i the weight of row i's class. Parameters are one
 * vector θ = [w_0 … w_{d-1}, b]. Every pass reads X in place (row-major, never
 * copied), a block of rows at a time.
 */
import type { Matrix } from '../../math/matrix.js'
import { expNonPositive } from './exp.js'
import { margins } from './margins.js'

export interface Problem {
  readonly X: Matrix
  /** 1 = anomaly (positive class). */
  readonly y: Uint8Array
  /** Weight of a row of class 0 and of class 1. */
  readonly classWeight: readonly [number, number]
  /** 1 / C: the L2 penalty on w (not on the intercept). */
  readonly lambda: number
}

/** Rows handled together: the gradient and Hessian sums run over a block held in L1 cache. */
const BLOCK = 64
/** Below this, 1 + e rounds off much of e, so log1p(e) is taken as e (relative error e/2 < 5e-9). */
const TINY = 1e-8

/**
 * f(θ), with ∇f(θ) written into `grad` (length d + 1). When `curvature` is
 * given, row i's IRLS weight s_i · p_i (1 - p_i) is written into curvature[i]
 * for the Hessian pass. Stable for any margin: everything is computed from
 * e = exp(-|z|) ∈ (0, 1], which cannot overflow; one exp per row, one log per block.
 */
export function evaluate(problem: Problem, theta: Float64Array, grad: Float64Array, curvature?: Float64Array): number {
  const { X, y, lambda } = problem
  const w0 = problem.classWeight[0]
  const w1 = problem.classWeight[1]
  const data = X.data
  const d = X.cols
  const m = X.rows
  const z = new Float64Array(BLOCK)
  const residual = new Float64Array(BLOCK)
  grad.fill(0)
  let loss = 0
  let gradB = 0
  for (let start = 0; start < m; start += BLOCK) {
    const end = Math.min(m, start + BLOCK)
    margins(X, theta, start, end - start, z)
    // Σ log(1 + e_k) of the block as log Π(1 + e_k), one product per class (the class weight
    // multiplies it): one Math.log per block instead of a log1p per row. Each factor is in (1, 2],
    // so 64 of them stay far from overflow and the product's rounding is ~64 ulp, i.e. ~1e-14
    // absolute on a block sum of order 10. Tiny e (where 1 + e rounds) are added as log1p(e) ≈ e.
    let product0 = 1
    let product1 = 1
    let tiny0 = 0
    let tiny1 = 0
    let margin = 0
    for (let k = start; k < end; k++) {
      const zk = z[k - start] as number
      const e = expNonPositive(-Math.abs(zk))
      const q = 1 + e
      const p = zk >= 0 ? 1 / q : e / q
      let r: number
      // log(1 + exp(u)) with u = -ỹz is max(u, 0) + log1p(exp(-|u|)), and |u| = |z|
      if (y[k] === 1) {
        if (zk < 0) margin -= w1 * zk
        if (e > TINY) product1 *= q
        else tiny1 += e
        r = w1 * (p - 1)
        if (curvature) curvature[k] = (w1 * e) / (q * q)
      } else {
        if (zk > 0) margin += w0 * zk
        if (e > TINY) product0 *= q
        else tiny0 += e
        r = w0 * p
        if (curvature) curvature[k] = (w0 * e) / (q * q)
      }
      residual[k - start] = r
      gradB += r
    }
    loss += margin + w0 * (Math.log(product0) + tiny0) + w1 * (Math.log(product1) + tiny1)
    addColumnSums(data, d, start * d, end - start, residual, grad)
  }
  let penalty = 0
  for (let j = 0; j < d; j++) {
    const wj = theta[j] as number
    penalty += wj * wj
    grad[j] = (grad[j] as number) + lambda * wj
  }
  grad[d] = gradB
  return loss + 0.5 * lambda * penalty
}

/**
 * grad[j] += Σ_t r_t · x_{t,j} over `count` rows from offset `first`: four
 * columns at a time, so four independent sums share each residual load.
 */
export function addColumnSums(data: Float64Array, d: number, first: number, count: number, r: Float64Array, grad: Float64Array): void {
  let j = 0
  for (; j + 3 < d; j += 4) {
    let a0 = 0
    let a1 = 0
    let a2 = 0
    let a3 = 0
    for (let t = 0, o = first + j; t < count; t++, o += d) {
      const rt = r[t] as number
      a0 += rt * (data[o] as number)
      a1 += rt * (data[o + 1] as number)
      a2 += rt * (data[o + 2] as number)
      a3 += rt * (data[o + 3] as number)
    }
    grad[j] = (grad[j] as number) + a0
    grad[j + 1] = (grad[j + 1] as number) + a1
    grad[j + 2] = (grad[j + 2] as number) + a2
    grad[j + 3] = (grad[j + 3] as number) + a3
  }
  for (; j < d; j++) {
    let a = 0
    for (let t = 0, o = first + j; t < count; t++, o += d) a += (r[t] as number) * (data[o] as number)
    grad[j] = (grad[j] as number) + a
  }
}

/** The largest absolute component. */
export function maxAbs(v: Float64Array): number {
  let m = 0
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i] as number)
    if (a > m) m = a
  }
  return m
}

/** Starting point: w = 0 and the intercept at the weighted log-odds of the positive class (the optimum for w = 0). */
export function initialTheta(problem: Problem): Float64Array {
  const { X, y } = problem
  const [w0, w1] = problem.classWeight
  let positives = 0
  for (let i = 0; i < y.length; i++) positives += y[i] as number
  const pos = w1 * positives
  const neg = w0 * (y.length - positives)
  const theta = new Float64Array(X.cols + 1)
  theta[X.cols] = pos > 0 && neg > 0 ? Math.log(pos / neg) : 0
  return theta
}
