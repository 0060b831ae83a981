import { fastExp } from './fast-exp.js'

export type KernelType = 'rbf' | 'linear' | 'poly' | 'sigmoid'

/** A kernel with its coefficients resolved (gamma is a number here, never 'scale'/'auto'). */
export interface Kernel {
  readonly type: KernelType
  readonly gamma: number
  readonly coef0: number
  readonly degree: number
}

/** base^times by repeated squaring, as libsvm's `powi` (integer degree). */
export function powi(base: number, times: number): number {
  let tmp = base
  let ret = 1
  for (let t = times; t > 0; t = Math.floor(t / 2)) {
    if (t % 2 === 1) ret *= tmp
    tmp *= tmp
  }
  return ret
}

/**
 * K(x, y) from the dot product x·y and the squared norms |x|², |y|²
 * (libsvm's `kernel_rbf` form: exp(-gamma·(|x|² + |y|² - 2x·y))).
 */
export function kernelFromDot(k: Kernel, dot: number, xx: number, yy: number): number {
  switch (k.type) {
    case 'rbf':
      return fastExp(-k.gamma * (xx + yy - 2 * dot))
    case 'linear':
      return dot
    case 'poly':
      return powi(k.gamma * dot + k.coef0, k.degree)
    case 'sigmoid':
      return Math.tanh(k.gamma * dot + k.coef0)
  }
}

/** Squared norm of every row of a row-major n x d buffer (needed by the rbf kernel). */
export function rowSquaredNorms(data: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    const base = i * cols
    let s = 0
    for (let c = 0; c < cols; c++) {
      const v = data[base + c] as number
      s += v * v
    }
    out[i] = s
  }
  return out
}
