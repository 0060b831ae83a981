import { createKernelCache } from './kernel-cache.js'
import { fillRow, kernelAt, swapRows, type KernelData } from './kernel-rows.js'

/**
 * libsvm's `ONE_CLASS_Q`: rows of the kernel matrix Q[i][j] = K(x_i, x_j)
 * served from the LRU cache, over the training rows in the solver's
 * current order (shrinking swaps positions in the data, the cache and the
 * diagonal alike).
 */
export interface KernelMatrix {
  readonly l: number
  readonly data: KernelData
  /** How many full rows (length l) the cache holds. */
  readonly fullRows: number
  /** Q[i][i] in double precision. */
  readonly diagonal: Float64Array
  /** Q[i][0, len) (float32, as libsvm's `Qfloat`). */
  row(i: number, len: number): Float32Array
  swap(i: number, j: number): void
}

export function createKernelMatrix(data: KernelData, cacheBytes: number): KernelMatrix {
  const l = data.l
  const cache = createKernelCache(l, cacheBytes)
  const diagonal = new Float64Array(l)
  for (let i = 0; i < l; i++) diagonal[i] = kernelAt(data, i, i)
  return {
    l,
    data,
    fullRows: cache.fullRows,
    diagonal,
    row(i, len) {
      const start = cache.request(i, len)
      const out = cache.rows[i] as Float32Array
      if (start < len) fillRow(data, i, start, len, out)
      return out
    },
    swap(i, j) {
      if (i === j) return
      cache.swap(i, j)
      swapRows(data, i, j)
      const q = diagonal[i] as number
      diagonal[i] = diagonal[j] as number
      diagonal[j] = q
    },
  }
}
