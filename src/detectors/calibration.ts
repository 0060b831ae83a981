/**
 * Turning raw scores into decisions, shared by every algorithm (PyOD's
 * `_process_decision_scores`): a threshold from the expected contamination,
 * labels, and a probability scaled on the training score distribution.
 */
import { quantileSorted, summarize } from '../math/stats.js'

export interface Calibration {
  /** Scores strictly above this are anomalies. */
  readonly threshold: number
  readonly contamination: number
  /** Training score distribution, for probabilities and reporting. */
  readonly min: number
  readonly max: number
  readonly mean: number
  readonly std: number
  /** Sorted sample of training scores (at most 1,001 quantiles) for percentiles. */
  readonly quantiles: readonly number[]
}

const QUANTILE_POINTS = 1001

export function calibrate(trainScores: Float64Array, contamination: number): Calibration {
  if (!(contamination > 0 && contamination <= 0.5)) {
    throw new RangeError(`contamination must be in (0, 0.5], got ${contamination}`)
  }
  if (trainScores.length === 0) throw new RangeError('cannot calibrate on zero scores')
  const sorted = Float64Array.from(trainScores).sort()
  const { mean, std } = summarize(sorted)
  const points = Math.min(QUANTILE_POINTS, sorted.length)
  const quantiles: number[] = []
  for (let i = 0; i < points; i++) quantiles.push(quantileSorted(sorted, points === 1 ? 0 : i / (points - 1)))
  return {
    threshold: flaggingThreshold(sorted, quantileSorted(sorted, 1 - contamination)),
    contamination,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    mean,
    std,
    quantiles,
  }
}

/** 1 = anomaly. */
export function label(score: number, threshold: number): 0 | 1 {
  return score > threshold ? 1 : 0
}

/** Linear min-max scaling on the training scores, clipped to [0, 1] (PyOD's "linear" method). */
export function probability(score: number, c: Calibration): number {
  const range = c.max - c.min
  if (!(range > 0)) return score > c.threshold ? 1 : 0
  return Math.min(1, Math.max(0, (score - c.min) / range))
}

/** Fraction of training scores at or below `score`, from the stored quantiles. */
export function percentile(score: number, c: Calibration): number {
  const q = c.quantiles
  if (q.length === 0) return NaN
  let lo = 0
  let hi = q.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((q[mid] as number) <= score) lo = mid + 1
    else hi = mid
  }
  return q.length === 1 ? (lo === 1 ? 1 : 0) : Math.max(0, Math.min(1, (lo - 1) / (q.length - 1)))
}

/**
 * The contamination quantile, unless ties at the top of the training scores
 * (saturated probabilities of a supervised model, say) leave no score above
 * it: then the tied top group is flagged rather than nothing at all.
 */
function flaggingThreshold(sorted: Float64Array, q: number): number {
  const top = sorted[sorted.length - 1] as number
  if (q < top) return q
  let k = sorted.length - 1
  while (k > 0 && (sorted[k - 1] as number) === top) k--
  return k > 0 ? ((sorted[k - 1] as number) + top) / 2 : q
}
