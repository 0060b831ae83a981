import type { BinnedData } from './binned-data.js'

/**
 * Per-node gradient histograms: for every feature and bin, the sums of the
 * gradients and hessians of the node's rows and their count, interleaved as
 * [g, h, count] so one bin is one cache line access. Features' bins follow
 * each other in one Float64Array (see `BinnedData`).
 */

/** Where each feature's and each feature block's bins start in a histogram (in floats), and its size. */
export interface HistogramLayout {
  readonly offsets: Int32Array
  readonly binCounts: Int32Array
  readonly blockOffsets: Int32Array
  readonly size: number
}

/** Floats per bin: gradient sum, hessian sum, row count. */
export const BIN_STRIDE = 3

export function histogramLayout(binned: BinnedData): HistogramLayout {
  return {
    offsets: binned.firstBin.map((b) => b * BIN_STRIDE),
    binCounts: binned.binCounts,
    blockOffsets: binned.blockFirstBin.map((b) => b * BIN_STRIDE),
    size: binned.totalBins * BIN_STRIDE,
  }
}

/** The subtraction trick: a sibling's histogram is its parent's minus the other child's, in O(bins). */
export function subtractHistogram(parent: Float64Array, child: Float64Array, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = (parent[i] as number) - (child[i] as number)
}

/** Per bin, the number of `rows` in it: the root's counts, the same for every tree of a fit. */
export function countRows(binned: BinnedData, rows: Int32Array): Float64Array {
  const counts = new Float64Array(binned.totalBins)
  binned.blocks.forEach((codes, k) => {
    const cols = binned.blockCols[k] as number
    const first = binned.blockFirstBin[k] as number
    for (let i = 0; i < rows.length; i++) {
      const base = (rows[i] as number) * cols
      for (let c = 0; c < cols; c++) counts[first + (codes[base + c] as number)]++
    }
  })
  return counts
}

/** Write per-bin counts into a histogram's count slots. */
export function setCounts(hist: Float64Array, counts: Float64Array): void {
  for (let b = 0; b < counts.length; b++) hist[b * BIN_STRIDE + 2] = counts[b] as number
}
