import type { Matrix } from '../../math/matrix.js'
import { createRng } from '../../math/random.js'
import { sortFloat64 } from '../../math/sort-float64.js'

/** Rows used to place bin edges at most (scikit-learn's and LightGBM's 200,000): quantiles barely move beyond it. */
export const EDGE_SAMPLE_ROWS = 200_000

/**
 * Per feature, ascending bin edges as scikit-learn's `_BinMapper` places them:
 * midpoints between distinct values when there are at most `maxBins`,
 * otherwise "midpoint" percentiles at k / maxBins (equal edges merged). Bin b
 * holds the values v with edges[b-1] < v <= edges[b].
 *
 * A variant of `math/bin-features.ts` `fitBinEdges`: scikit-learn's
 * percentile method, a seeded row sample above 200,000 rows, a radix sort and
 * no boxed arrays, because edge fitting was a large share of the training time.
 */
export function fitEdges(X: Matrix, rows: Int32Array, maxBins: number, seed: number): Float64Array[] {
  const sample = rows.length > EDGE_SAMPLE_ROWS ? sampleRows(rows, EDGE_SAMPLE_ROWS, seed) : rows
  const n = sample.length
  const values = new Float64Array(n)
  const scratch = new Float64Array(n)
  const { data, cols } = X
  const edges: Float64Array[] = []
  for (let j = 0; j < cols; j++) {
    for (let k = 0; k < n; k++) values[k] = data[(sample[k] as number) * cols + j] as number
    sortFloat64(values, scratch)
    edges.push(edgesOfSorted(values, maxBins))
  }
  return edges
}

function edgesOfSorted(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length
  let distinct = n > 0 ? 1 : 0
  for (let k = 1; k < n; k++) if (sorted[k] !== sorted[k - 1]) distinct++
  if (distinct <= maxBins) {
    const out = new Float64Array(Math.max(0, distinct - 1))
    let b = 0
    for (let k = 1; k < n; k++) {
      if (sorted[k] !== sorted[k - 1]) out[b++] = ((sorted[k - 1] as number) + (sorted[k] as number)) / 2
    }
    return out
  }
  const out = new Float64Array(maxBins - 1)
  let m = 0
  for (let b = 1; b < maxBins; b++) {
    const pos = (b / maxBins) * (n - 1)
    const q = ((sorted[Math.floor(pos)] as number) + (sorted[Math.ceil(pos)] as number)) / 2
    if (m === 0 || q > (out[m - 1] as number)) out[m++] = q
  }
  return out.slice(0, m)
}

/** `k` of the given rows, drawn without replacement (partial Fisher-Yates), in ascending order. */
function sampleRows(rows: Int32Array, k: number, seed: number): Int32Array {
  const rng = createRng(seed)
  const pool = Int32Array.from(rows)
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(pool.length - i)
    const t = pool[i] as number
    pool[i] = pool[j] as number
    pool[j] = t
  }
  return pool.slice(0, k).sort()
}
