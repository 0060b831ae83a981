/** Row selection for the Node side: a split's rows, a batch of exactly n rows, one-row matrices. */
import { createMatrix, type Matrix } from '../src/math/matrix.js'

/** A copy of the given rows, in the given order. */
export function takeRows(X: Matrix, indices: Int32Array): Matrix {
  const out = createMatrix(indices.length, X.cols)
  indices.forEach((r, k) => out.data.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), k * X.cols))
  return out
}

/** A copy of the labels of the given rows. */
export function takeLabels(y: Uint8Array, indices: Int32Array): Uint8Array {
  return Uint8Array.from(indices, (r) => y[r] as number)
}

/** Exactly `n` rows: `X` repeated as often as needed, the last repetition cut short (or `X` cut to n rows). */
export function tileRows(X: Matrix, n: number): Matrix {
  if (X.rows === 0) throw new RangeError('cannot tile a matrix with no rows')
  const out = createMatrix(n, X.cols)
  for (let start = 0; start < n; start += X.rows) {
    const rows = Math.min(X.rows, n - start)
    out.data.set(X.data.subarray(0, rows * X.cols), start * X.cols)
  }
  return out
}

/** One-row matrices viewing the rows of `X` (no copy), cycling through it: `count` of them. */
export function singleRows(X: Matrix, count: number): Matrix[] {
  return Array.from({ length: count }, (_, k) => {
    const r = k % X.rows
    return createMatrix(1, X.cols, X.data.subarray(r * X.cols, (r + 1) * X.cols))
  })
}
