import { checkFinite, checkNonNegative, checkPositive } from './check-args.js'
import { negativeBinomialLogLikelihoodRatio } from './log-likelihood-ratio.js'
import { negativeBinomialLowerTail, negativeBinomialUpperTail } from './negative-binomial.js'

/**
 * A Poisson / negative-binomial CUSUM for request counts against a seasonal
 * expectation: traffic drops (ratio < 1), outages (ratio = 0) and spikes
 * (ratio > 1) (Page 1954; Lucas, "Counted data CUSUM's", Technometrics 27,
 * 1985, for the Poisson form).
 *
 * In plain words: each minute adds the log-likelihood ratio of "traffic is
 * ratio × expected" against "traffic is as expected"; the sum never drops below
 * zero and alarms at h ({@link cusumThreshold}). For an outage (ratio 0) every
 * silent minute adds exactly its expected count and any request resets it, so
 * the alarm comes once ln(1/α) expected requests are missing, which is the
 * exact Poisson bound (P(no request | μ) = e^(−μ) ≤ α). Run one per direction
 * (e.g. ratio 2 for spikes, 0.5 for drops, 0 for outages). With a finite
 * `size` the increments are negative binomial, so ordinary bursty traffic does
 * not alarm. The step after S was last zero estimates when traffic changed.
 */
export interface CountCusumState {
  /** The CUSUM statistic S. */
  readonly statistic: number
  /** Step of the estimated change point, null when S = 0. */
  readonly changeAt: number | null
  /** Latest step seen. */
  readonly at: number | null
  /** Observed count since the change point. */
  readonly count: number
  /** Expected count since the change point. */
  readonly expected: number
  /** Σ μ²/r since the change point: the variance beyond Poisson, for the nominal p-value. */
  readonly excessVariance: number
}

/** Per-step parameters; `size` may come from the count baseline of this step. */
export interface CountCusumParams {
  /** Alternative mean as a multiple of the expected count: > 1 spike, in [0, 1) drop (0 = outage). */
  readonly ratio: number
  /** The alarm threshold h. */
  readonly threshold: number
  /** Negative-binomial size r of this step's count (Infinity or omitted: Poisson). */
  readonly size?: number
}

/** What an incident shows for this test: the evidence since the estimated change point. */
export interface CountCusumEvidence {
  /** The CUSUM statistic S. */
  readonly statistic: number
  /** The alarm threshold h. */
  readonly threshold: number
  /** Step of the estimated change point (null when S = 0). */
  readonly changeAt: number | null
  /** Observed count since the change point. */
  readonly count: number
  /** Expected count since the change point. */
  readonly expected: number
  /** count / expected since the change point (NaN when nothing was expected). */
  readonly countRatio: number
  /** Nominal one-sided p-value of the count since the change point (upper tail for spikes, lower for drops). */
  readonly pValue: number
}

/** One step's outcome; the evidence (with its tail probability) is computed on demand by {@link countCusumEvidence}. */
export interface CountCusumStep {
  /** The state after this step. */
  readonly state: CountCusumState
  /** True when S ≥ threshold: open an incident (and restart with a fresh state). */
  readonly alarm: boolean
}

/** A CUSUM with no evidence (S = 0). */
export function createCountCusum(): CountCusumState {
  return { statistic: 0, changeAt: null, at: null, count: 0, expected: 0, excessVariance: 0 }
}

/** Add one step's count against its expected count and report whether S crossed the threshold. */
export function countCusumStep(
  state: CountCusumState,
  aggregate: { readonly count: number; readonly expected: number; readonly at: number },
  params: CountCusumParams,
): CountCusumStep {
  const { count, expected, at } = aggregate
  const size = params.size ?? Infinity
  checkFinite('at', at)
  checkPositive('threshold', params.threshold)
  checkNonNegative('ratio', params.ratio)
  if (params.ratio === 1) throw new RangeError('ratio must differ from 1 (no change to detect)')
  if (state.at !== null && at < state.at) throw new RangeError(`at ${at} is before the previous step ${state.at}`)
  const statistic = state.statistic + negativeBinomialLogLikelihoodRatio(count, expected, params.ratio, size)
  const extra = size === Infinity ? 0 : (expected * expected) / size
  const next: CountCusumState =
    statistic <= 0
      ? { ...createCountCusum(), at }
      : state.statistic === 0
        ? { statistic, changeAt: at, at, count, expected, excessVariance: extra }
        : {
            statistic,
            changeAt: state.changeAt,
            at,
            count: state.count + count,
            expected: state.expected + expected,
            excessVariance: state.excessVariance + extra,
          }
  return { state: next, alarm: next.statistic >= params.threshold }
}

/** The evidence of the current run (since the change point), for an alarm or a status page. */
export function countCusumEvidence(state: CountCusumState, params: CountCusumParams): CountCusumEvidence {
  const { count, expected, excessVariance } = state
  // The sum of the per-step counts, moment-matched to one negative binomial:
  // mean Σμ, variance Σμ + Σμ²/r, hence size (Σμ)² / Σ(μ²/r).
  const size = excessVariance > 0 ? (expected * expected) / excessVariance : Infinity
  const pValue =
    expected === 0
      ? 1
      : params.ratio > 1
        ? negativeBinomialUpperTail(count, expected, size)
        : negativeBinomialLowerTail(count, expected, size)
  return {
    statistic: state.statistic,
    threshold: params.threshold,
    changeAt: state.changeAt,
    count,
    expected,
    countRatio: expected > 0 ? count / expected : NaN,
    pValue,
  }
}
