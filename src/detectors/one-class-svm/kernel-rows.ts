import type { Matrix } from '../../math/matrix.js'
import { dotRows } from './dot-rows.js'
import { fastExp } from './fast-exp.js'
import { kernelFromDot, rowSquaredNorms, type Kernel } from './kernel.js'

/** Training rows in the solver's order, with what the kernel needs precomputed. */
export interface KernelData {
  readonly kernel: Kernel
  readonly l: number
  readonly d: number
  /** Row-major copy of the rows (the solver swaps positions in it). */
  readonly x: Float64Array
  /** |x_i|² (the rbf kernel's norm trick). */
  readonly sq: Float64Array
  /** Scratch for one row of dot products. */
  readonly dots: Float64Array
}

export function createKernelData(X: Matrix, kernel: Kernel): KernelData {
  const x = X.data.slice(0, X.rows * X.cols)
  return { kernel, l: X.rows, d: X.cols, x, sq: rowSquaredNorms(x, X.rows, X.cols), dots: new Float64Array(X.rows) }
}

/** K(x_i, x_j) in double precision, computed exactly as `fillRow` does. */
export function kernelAt(k: KernelData, i: number, j: number): number {
  const { x, d } = k
  let dot = 0
  for (let c = 0; c < d; c++) dot += (x[i * d + c] as number) * (x[j * d + c] as number)
  return kernelFromDot(k.kernel, dot, k.sq[i] as number, k.sq[j] as number)
}

/**
 * out[j] = K(x_i, x_j) rounded to float32, for j in [start, end): the hot
 * loop of training. The rbf case is written out so that V8 inlines the
 * exponential; the others go through `kernelFromDot`.
 */
export function fillRow(k: KernelData, i: number, start: number, end: number, out: Float32Array): void {
  const { sq, dots } = k
  dotRows(k.x, i * k.d, k.x, k.d, start, end, dots)
  const si = sq[i] as number
  if (k.kernel.type === 'rbf') {
    const g = k.kernel.gamma
    for (let j = start; j < end; j++) out[j] = fastExp(-g * (si + (sq[j] as number) - 2 * (dots[j] as number)))
    return
  }
  for (let j = start; j < end; j++) out[j] = kernelFromDot(k.kernel, dots[j] as number, si, sq[j] as number)
}

/** Exchange rows i and j of the data (libsvm's `Kernel::swap_index`). */
export function swapRows(k: KernelData, i: number, j: number): void {
  const { x, sq, d } = k
  for (let c = 0; c < d; c++) {
    const t = x[i * d + c] as number
    x[i * d + c] = x[j * d + c] as number
    x[j * d + c] = t
  }
  const s = sq[i] as number
  sq[i] = sq[j] as number
  sq[j] = s
}
