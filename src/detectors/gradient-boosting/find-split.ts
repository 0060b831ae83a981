import { BIN_STRIDE, type HistogramLayout } from './histogram.js'

/** Limits every candidate split must respect. */
export interface SplitRule {
  readonly minSamplesLeaf: number
  /** scikit-learn's min_hessian_to_split: children with less hessian are too flat to fit a value. */
  readonly minHessian: number
  readonly l2: number
}

/** The best split found for a node (a reused record, filled by `findBestSplit`). */
export interface BestSplit {
  feature: number
  /** Rows with code <= bin go left. */
  bin: number
  gain: number
  gradLeft: number
  hessLeft: number
}

/** scikit-learn adds this to every denominator so a zero-hessian node has a finite value. */
export const HESSIAN_FLOOR = 1e-15

/**
 * A candidate reaches the exact gain computation when its children's score is
 * within this relative margin of the best one's: far above rounding error, so
 * no possible winner is skipped.
 */
const SLACK = 1 - 1e-9

/**
 * Scan every feature's bins left to right for the split with the largest
 * gain G_L²/(H_L+λ) + G_R²/(H_R+λ) - G²/(H+λ) (scikit-learn, LightGBM).
 * Candidates are screened by cross-multiplying fractions (no division per
 * bin: divisions were most of the scan's cost); the few that may win get
 * their gain computed with scikit-learn's exact arithmetic, so that near-ties
 * (e.g. two features splitting off the same rows) resolve as in scikit-learn.
 * Features are scanned in order and only a strictly larger gain wins. The root
 * (`isRoot`) has value 0 in scikit-learn, so its gains omit the parent's term.
 * Returns false when no split has gain > 0.
 */
export function findBestSplit(
  hist: Float64Array,
  layout: HistogramLayout,
  sumGrad: number,
  sumHess: number,
  count: number,
  isRoot: boolean,
  rule: SplitRule,
  out: BestSplit,
): boolean {
  const { minSamplesLeaf, minHessian, l2 } = rule
  const lossCurrent = isRoot ? 0 : sumGrad * (-sumGrad / (sumHess + l2 + HESSIAN_FLOOR))
  // the best children's score so far as numerator / denominator, and its exact gain
  let bestNum = -lossCurrent * SLACK
  let bestDen = 1
  let bestGain = 0
  for (let f = 0; f < layout.offsets.length; f++) {
    const base = layout.offsets[f] as number
    const lastBin = (layout.binCounts[f] as number) - 1
    let gl = 0
    let hl = 0
    let nl = 0
    for (let b = 0; b < lastBin; b++) {
      const o = base + b * BIN_STRIDE
      const binCount = hist[o + 2] as number
      // an empty bin repeats the previous candidate, which cannot win again; small nodes are mostly empty bins
      if (binCount === 0) continue
      gl += hist[o] as number
      hl += hist[o + 1] as number
      nl += binCount
      if (nl < minSamplesLeaf) continue
      if (count - nl < minSamplesLeaf) break
      const hr = sumHess - hl
      if (hl < minHessian) continue
      if (hr < minHessian) break
      const gr = sumGrad - gl
      const dl = hl + l2 + HESSIAN_FLOOR
      const dr = hr + l2 + HESSIAN_FLOOR
      const num = gl * gl * dr + gr * gr * dl
      const den = dl * dr
      if (num * bestDen < bestNum * den) continue
      const gain = lossCurrent - gl * (-gl / dl) - gr * (-gr / dr)
      if (gain > bestGain) {
        bestGain = gain
        bestNum = num * SLACK
        bestDen = den
        out.feature = f
        out.bin = b
        out.gain = gain
        out.gradLeft = gl
        out.hessLeft = hl
      }
    }
  }
  return bestGain > 0
}
