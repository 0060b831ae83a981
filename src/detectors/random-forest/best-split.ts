import { BIN_STRIDE } from './histogram.js'

/** The best split seen so far in one node; one instance is reused for every node. */
export interface SplitCandidate {
  /** Gini proxy Σ_children Σ_class W_c² / W_child: maximising it minimises the children's weighted Gini impurity. */
  score: number
  /** -1 until a valid split is seen. */
  feature: number
  /** Last occupied bin that goes left, and first occupied bin that goes right. */
  lowBin: number
  highBin: number
  /** Class draw counts and distinct rows going left. */
  left0: number
  left1: number
  leftRows: number
}

export function createCandidate(): SplitCandidate {
  return { score: -Infinity, feature: -1, lowBin: 0, highBin: 0, left0: 0, left1: 0, leftRows: 0 }
}

/** Node totals and weights a scan needs: draw counts per class, distinct rows, class weights and the leaf minimum. */
export interface NodeTotals {
  k0: number
  k1: number
  rows: number
  w0: number
  w1: number
  minLeaf: number
}

/**
 * Try every boundary between consecutive occupied bins `bins[0..nb)` of
 * feature `f` and keep the best Gini split in `best`. Only strictly better
 * splits replace it, so ties go to the feature drawn first and the lower
 * threshold, as in scikit-learn. A split with zero gain is still a split
 * (scikit-learn's `min_impurity_decrease = 0`).
 */
export function scanBins(hist: Int32Array, offset: number, bins: Int32Array, nb: number, node: NodeTotals, f: number, best: SplitCandidate): void {
  const { k0, k1, rows, w0, w1, minLeaf } = node
  let l0 = 0
  let l1 = 0
  let ln = 0
  for (let i = 0; i + 1 < nb; i++) {
    const o = offset + (bins[i] as number) * BIN_STRIDE
    l0 += hist[o] as number
    l1 += hist[o + 1] as number
    ln += hist[o + 2] as number
    if (ln < minLeaf) continue
    if (rows - ln < minLeaf) break
    const a0 = w0 * l0
    const a1 = w1 * l1
    const c0 = w0 * (k0 - l0)
    const c1 = w1 * (k1 - l1)
    const score = (a0 * a0 + a1 * a1) / (a0 + a1) + (c0 * c0 + c1 * c1) / (c0 + c1)
    if (score > best.score) {
      best.score = score
      best.feature = f
      best.lowBin = bins[i] as number
      best.highBin = bins[i + 1] as number
      best.left0 = l0
      best.left1 = l1
      best.leftRows = ln
    }
  }
}

/** List the occupied bins (distinct rows > 0) of one feature's dense histogram in ascending order; returns how many. */
export function occupiedBins(hist: Int32Array, offset: number, binCount: number, out: Int32Array): number {
  let nb = 0
  for (let b = 0; b < binCount; b++) if ((hist[offset + b * BIN_STRIDE + 2] as number) > 0) out[nb++] = b
  return nb
}
