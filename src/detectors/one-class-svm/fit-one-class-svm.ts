import { createMatrix, type Matrix } from '../../math/matrix.js'
import { drawRows } from './draw-rows.js'
import { resolveKernel } from './gamma.js'
import { createKernelMatrix } from './kernel-matrix.js'
import { createKernelData } from './kernel-rows.js'
import type { OneClassSvmModel } from './model.js'
import type { OneClassSvmParams } from './params.js'
import { solve } from './solve.js'

export interface OneClassSvmFit {
  readonly model: OneClassSvmModel
  readonly rowsUsed: number
  readonly maxSamplesApplied: boolean
  readonly iterations: number
  readonly stoppedEarly: boolean
  readonly boundedSupportVectors: number
}

const MB = 1 << 20

/**
 * Train scikit-learn's `OneClassSVM` (libsvm's ν one-class formulation,
 * Schölkopf et al. 2001) on at most `max_samples` seeded-random rows.
 */
export function fitOneClassSvm(X: Matrix, params: OneClassSvmParams, seed: number): OneClassSvmFit {
  const cap = params.max_samples === 'all' ? X.rows : params.max_samples
  const rows = drawRows(X.rows, cap, seed)
  const l = rows.length
  const train = takeRows(X, rows)
  const kernel = resolveKernel(params, train)
  const Q = createKernelMatrix(createKernelData(train, kernel), Math.floor(params.cache_size * MB))
  const solution = solve(Q, initialAlpha(l, params.nu), {
    eps: params.tol,
    shrinking: params.shrinking,
    maxIter: params.max_iter,
  })
  const { alpha } = solution
  let nSv = 0
  let nBounded = 0
  for (let i = 0; i < l; i++) {
    if (Math.abs(alpha[i] as number) > 0) nSv++
    if ((alpha[i] as number) >= 1) nBounded++
  }
  const supportVectors = createMatrix(nSv, X.cols)
  const dualCoef = new Float64Array(nSv)
  for (let i = 0, k = 0; i < l; i++) {
    if (!(Math.abs(alpha[i] as number) > 0)) continue
    supportVectors.data.set(train.data.subarray(i * X.cols, (i + 1) * X.cols), k * X.cols)
    dualCoef[k++] = alpha[i] as number
  }
  return {
    model: { kernel, supportVectors, dualCoef, rho: solution.rho },
    rowsUsed: l,
    maxSamplesApplied: l < X.rows,
    iterations: solution.iterations,
    stoppedEarly: solution.stoppedEarly,
    boundedSupportVectors: nBounded,
  }
}

/**
 * libsvm's feasible start: Σα = ν·l (ν summed once per row, as libsvm does),
 * α = 1 on the first ⌊ν·l⌋ rows and the remainder on the next one.
 */
export function initialAlpha(l: number, nu: number): Float64Array {
  const alpha = new Float64Array(l)
  let nuL = 0
  for (let i = 0; i < l; i++) nuL += nu
  for (let i = 0; nuL > 0 && i < l; i++) {
    alpha[i] = Math.min(1, nuL)
    nuL -= alpha[i] as number
  }
  return alpha
}

function takeRows(X: Matrix, rows: Int32Array): Matrix {
  const d = X.cols
  const out = createMatrix(rows.length, d)
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number
    out.data.set(X.data.subarray(r * d, (r + 1) * d), k * d)
  }
  return out
}
