import { occupiedBins, scanBins } from './best-split.js'
import { accumulateTouched, BIN_STRIDE } from './histogram.js'
import type { TreeContext } from './tree-context.js'

/** Above this many occupied bins a dense pass beats sorting the touched list. */
const SORT_LIMIT = 32

/**
 * Best Gini split of the node `sample[start..end)` (totals in `ctx.totals`)
 * into `ctx.best`. Features are drawn without replacement until
 * `featuresPerSplit` non-constant ones were scored (scikit-learn's rule).
 * `hist` is the node's full histogram when it has one; otherwise each drawn
 * feature is histogrammed from the node's rows. Returns false when no feature
 * can split the node.
 */
export function findSplit(ctx: TreeContext, start: number, end: number, hist: Int32Array | null): boolean {
  const { perm, bins, scratch, touched, best, totals, rng } = ctx
  const binCounts = ctx.binned.binCounts
  const cols = perm.length
  const wanted = ctx.settings.featuresPerSplit
  best.score = -Infinity
  best.feature = -1
  let scored = 0
  for (let i = 0; i < cols && scored < wanted; i++) {
    const j = i + rng.int(cols - i)
    const f = perm[j] as number
    perm[j] = perm[i] as number
    perm[i] = f
    const binCount = binCounts[f] as number
    if (hist !== null) {
      const offset = f * ctx.featureStride
      const nb = occupiedBins(hist, offset, binCount, bins)
      if (nb > 1) {
        scored++
        scanBins(hist, offset, bins, nb, totals, f, best)
      }
      continue
    }
    const t = accumulateTouched(scratch, touched, ctx.input, f, ctx.sample, start, end)
    const nb = t > SORT_LIMIT ? occupiedBins(scratch, 0, binCount, bins) : sortTouched(touched, t, bins)
    if (nb > 1) {
      scored++
      scanBins(scratch, 0, bins, nb, totals, f, best)
    }
    for (let k = 0; k < t; k++) {
      const o = (touched[k] as number) * BIN_STRIDE
      scratch[o] = 0
      scratch[o + 1] = 0
      scratch[o + 2] = 0
    }
  }
  return best.feature >= 0
}

/** Insertion sort of the few touched bins into `out`. */
function sortTouched(touched: Int32Array, t: number, out: Int32Array): number {
  for (let i = 0; i < t; i++) {
    const v = touched[i] as number
    let k = i - 1
    while (k >= 0 && (out[k] as number) > v) {
      out[k + 1] = out[k] as number
      k--
    }
    out[k + 1] = v
  }
  return t
}
