import type { Matrix } from './matrix.js'

/**
 * Histogram binning shared by the tree ensembles (as in LightGBM and
 * scikit-learn's HistGradientBoosting): each feature's values are mapped to at
 * most `maxBins` ordered bins whose edges are midpoints between distinct
 * quantiles, so split search costs O(bins) per feature instead of O(rows).
 */
export interface BinEdges {
  /** Per feature, ascending thresholds: bin b holds values v with edges[b-1] < v <= edges[b]. */
  readonly edges: readonly Float64Array[]
}

export interface BinnedMatrix {
  /** Column-major bin codes: feature j, row i at `codes[j * rows + i]`. */
  readonly codes: Uint8Array
  readonly rows: number
  readonly cols: number
  /** Number of bins actually used per feature (≤ maxBins). */
  readonly binCounts: Int32Array
}

export const MAX_BINS = 255

/** Fit bin edges on (a sample of) the rows: exact midpoints when a feature has ≤ maxBins distinct values, quantiles otherwise. */
export function fitBinEdges(X: Matrix, maxBins = MAX_BINS, sampleRows?: Int32Array): BinEdges {
  const rows = sampleRows ?? null
  const n = rows ? rows.length : X.rows
  const values = new Float64Array(n)
  const edges: Float64Array[] = []
  for (let j = 0; j < X.cols; j++) {
    for (let k = 0; k < n; k++) values[k] = X.data[(rows ? (rows[k] as number) : k) * X.cols + j] as number
    const sorted = values.slice().sort()
    const distinct: number[] = []
    for (let k = 0; k < n; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct.push(sorted[k] as number)
    if (distinct.length <= maxBins) {
      const e = new Float64Array(Math.max(0, distinct.length - 1))
      for (let b = 0; b + 1 < distinct.length; b++) e[b] = ((distinct[b] as number) + (distinct[b + 1] as number)) / 2
      edges.push(e)
      continue
    }
    // quantile edges, deduplicated (heavy ties collapse into one bin)
    const e: number[] = []
    for (let b = 1; b < maxBins; b++) {
      const pos = (b / maxBins) * (n - 1)
      const lo = Math.floor(pos)
      const q = (sorted[lo] as number) + ((sorted[Math.min(lo + 1, n - 1)] as number) - (sorted[lo] as number)) * (pos - lo)
      if (e.length === 0 || q > (e[e.length - 1] as number)) e.push(q)
    }
    edges.push(Float64Array.from(e))
  }
  return { edges }
}

/** Bin code of one value: the number of edges strictly below it (binary search). */
export function binOf(edges: Float64Array, v: number): number {
  let lo = 0
  let hi = edges.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((edges[mid] as number) < v) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Map every value to its bin code (column-major for fast per-feature histograms). */
export function binMatrix(X: Matrix, bins: BinEdges): BinnedMatrix {
  const codes = new Uint8Array(X.rows * X.cols)
  const binCounts = new Int32Array(X.cols)
  for (let j = 0; j < X.cols; j++) {
    const e = bins.edges[j] as Float64Array
    binCounts[j] = e.length + 1
    const base = j * X.rows
    for (let i = 0; i < X.rows; i++) codes[base + i] = binOf(e, X.data[i * X.cols + j] as number)
  }
  return { codes, rows: X.rows, cols: X.cols, binCounts }
}
