import type { Matrix } from '../../math/matrix.js'
import { createMatrix } from '../../math/matrix.js'
import { createRng } from '../../math/random.js'

/**
 * `size` distinct rows of `X` drawn uniformly with the given seed (Floyd's
 * method: O(size) draws whatever the row count), kept in their original
 * order. Returns `X` itself when it has no more than `size` rows.
 */
export function subsampleRows(X: Matrix, size: number, seed: number): Matrix {
  if (X.rows <= size) return X
  const rng = createRng(seed)
  const chosen = new Uint8Array(X.rows)
  for (let j = X.rows - size; j < X.rows; j++) {
    const r = rng.int(j + 1)
    chosen[chosen[r] === 1 ? j : r] = 1
  }
  const out = createMatrix(size, X.cols)
  let next = 0
  for (let i = 0; i < X.rows; i++) {
    if (chosen[i] === 1) out.data.set(X.data.subarray(i * X.cols, (i + 1) * X.cols), (next++) * X.cols)
  }
  return out
}
