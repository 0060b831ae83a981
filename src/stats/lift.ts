import { checkNonNegative, checkOpenProbability } from './check-args.js'

/**
 * The alternative rate a sequential test is tuned to detect, from the baseline
 * rate: p1 = max(ratio · p0, p0 + minDelta), kept below `maxRate`.
 *
 * A sequential test is fastest for the alternative it was designed for and
 * still detects larger lifts (faster); smaller lifts take longer (Wald,
 * Sequential Analysis, 1947, ch. 3). A pure ratio makes a 0.01 % baseline
 * chase lifts to 0.02 %, which need tens of thousands of requests and mean
 * nothing to an on-call engineer; the absolute floor `minDelta` keeps the
 * target a lift that matters. The defaults (ratio 2, delta 0.02) make a 1 %
 * baseline look for 3 %, and a 20 % baseline for 40 %.
 */
export interface LiftOptions {
  /** Multiplicative lift (default 2: the error rate doubled). */
  readonly ratio?: number
  /** Absolute lift in rate (default 0.02: two more failures per hundred requests). */
  readonly minDelta?: number
  /** Upper cap on the alternative (default 0.999): a rate of 1 would make a single success infinitely conclusive. */
  readonly maxRate?: number
}

/** Double the rate, and at least two more failures per hundred requests. */
export const DEFAULT_LIFT: Required<LiftOptions> = { ratio: 2, minDelta: 0.02, maxRate: 0.999 }

/** The alternative rate p1 > p0 for baseline p0 (see {@link LiftOptions}). */
export function liftAlternative(p0: number, options: LiftOptions = {}): number {
  checkOpenProbability('p0', p0)
  const { ratio, minDelta, maxRate } = { ...DEFAULT_LIFT, ...options }
  if (!(ratio >= 1)) throw new RangeError(`ratio must be >= 1, got ${ratio}`)
  checkNonNegative('minDelta', minDelta)
  checkOpenProbability('maxRate', maxRate)
  if (!(maxRate > p0)) throw new RangeError(`maxRate ${maxRate} must exceed the baseline rate ${p0}`)
  return Math.min(maxRate, Math.max(ratio * p0, p0 + minDelta))
}
