import { quantileSorted } from '../math/stats.js'

/** How many robust standard deviations above the median a score must be to alert, without labels. */
export const AUTO_THRESHOLD_K = 3

/**
 * A threshold that needs neither labels nor a contamination guess: the
 * training scores' median plus 3 robust standard deviations (1.4826 · MAD),
 * the tail rule behind "3 sigma" alerts, made robust to the anomalies
 * themselves. Its false-positive rate on the shared data is in
 * docs/scores-and-thresholds.md.
 */
export function autoThreshold(trainScores: Float64Array): number {
  const sorted = Float64Array.from(trainScores).sort()
  const median = quantileSorted(sorted, 0.5)
  const deviations = Float64Array.from(sorted, (s) => Math.abs(s - median)).sort()
  const mad = quantileSorted(deviations, 0.5)
  const spread = mad > 0 ? 1.4826 * mad : quantileSorted(sorted, 0.99) - median
  return median + AUTO_THRESHOLD_K * spread
}
