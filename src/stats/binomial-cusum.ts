import { checkFinite, checkPositive } from './check-args.js'
import { binomialUpperTail } from './binomial.js'
import { betaBinomialLogLikelihoodRatio, binomialLogLikelihoodRatio } from './log-likelihood-ratio.js'

/**
 * A Bernoulli/binomial CUSUM for an error rate, with the change point
 * (Page 1954; Reynolds & Stoumbos, "A CUSUM chart for monitoring a proportion
 * when inspecting continuously", J. Quality Technology 31, 1999).
 *
 * In plain words: the evidence S grows by the log-likelihood ratio of each
 * aggregate (an error adds ln(p1/p0), a success subtracts a little) and never
 * goes below zero, so good traffic cannot bank credit against a later
 * regression. It alarms once S ≥ h ({@link cusumThreshold}). The step after
 * the last time S was zero is the maximum-likelihood estimate of when the
 * rate changed (Page 1954; Basseville & Nikiforov, Detection of Abrupt
 * Changes, 1993, §2.2): the "since when" of an incident. The errors and
 * requests counted from there give the effect size and a nominal p-value.
 *
 * With `concentration`, the increments are beta-binomial (an error rate that
 * wobbles from minute to minute is not a regression).
 */
export interface BinomialCusumState {
  /** The CUSUM statistic S ≥ 0. */
  readonly statistic: number
  /** Step of the estimated change point (first step of the current run of evidence), null when S = 0. */
  readonly changeAt: number | null
  /** Latest step seen. */
  readonly at: number | null
  /** Errors since the change point. */
  readonly errors: number
  /** Requests since the change point. */
  readonly requests: number
  /** Σ requests × p0 since the change point: the errors the baseline expected. */
  readonly expectedErrors: number
}

/** Per-step parameters: the baseline may change every step (a seasonal or freshly shrunk rate). */
export interface BinomialCusumParams {
  /** Baseline rate of this step. */
  readonly p0: number
  /** Alternative rate of this step (> p0), e.g. {@link liftAlternative}(p0). */
  readonly p1: number
  /** Alarm threshold, {@link cusumThreshold}(α). */
  readonly threshold: number
  /** Beta-binomial concentration in pseudo-requests (omit for a plain binomial). */
  readonly concentration?: number
}

/** What an incident shows for this test: the evidence since the estimated change point. */
export interface BinomialCusumEvidence {
  /** The CUSUM statistic S. */
  readonly statistic: number
  /** The alarm threshold h. */
  readonly threshold: number
  /** Step of the estimated change point (null when S = 0). */
  readonly changeAt: number | null
  /** Errors since the change point. */
  readonly errors: number
  /** Requests since the change point. */
  readonly requests: number
  /** errors / requests since the change point. */
  readonly observedRate: number
  /** Request-weighted baseline rate since the change point. */
  readonly baselineRate: number
  /** observedRate / baselineRate since the change point (NaN when no requests). */
  readonly rateRatio: number
  /**
   * P(errors or more | baseline) for the requests since the change point. Nominal:
   * the change point was chosen to make it small, so it reads as evidence, not as
   * the false-alarm rate (the threshold is what controls that).
   */
  readonly pValue: number
}

/** One step's outcome; the evidence (with its tail probability) is computed on demand by {@link binomialCusumEvidence}. */
export interface BinomialCusumStep {
  /** The state after this step. */
  readonly state: BinomialCusumState
  /** True when S ≥ threshold: open an incident (and restart with a fresh state). */
  readonly alarm: boolean
}

/** A CUSUM with no evidence (S = 0). */
export function createBinomialCusum(): BinomialCusumState {
  return { statistic: 0, changeAt: null, at: null, errors: 0, requests: 0, expectedErrors: 0 }
}

/** Add one aggregate (errors among requests at step `at`) and report whether S crossed the threshold. */
export function binomialCusumStep(
  state: BinomialCusumState,
  aggregate: { readonly errors: number; readonly requests: number; readonly at: number },
  params: BinomialCusumParams,
): BinomialCusumStep {
  const { errors, requests, at } = aggregate
  checkFinite('at', at)
  checkPositive('threshold', params.threshold)
  if (state.at !== null && at < state.at) throw new RangeError(`at ${at} is before the previous step ${state.at}`)
  if (!(params.p1 > params.p0)) throw new RangeError(`p1 (${params.p1}) must exceed p0 (${params.p0})`)
  const increment =
    params.concentration === undefined
      ? binomialLogLikelihoodRatio(errors, requests, params.p0, params.p1)
      : betaBinomialLogLikelihoodRatio(errors, requests, params.p0, params.p1, params.concentration)
  const statistic = state.statistic + increment
  const next: BinomialCusumState =
    statistic <= 0
      ? { ...createBinomialCusum(), at }
      : state.statistic === 0
        ? { statistic, changeAt: at, at, errors, requests, expectedErrors: requests * params.p0 }
        : {
            statistic,
            changeAt: state.changeAt,
            at,
            errors: state.errors + errors,
            requests: state.requests + requests,
            expectedErrors: state.expectedErrors + requests * params.p0,
          }
  return { state: next, alarm: next.statistic >= params.threshold }
}

/** The evidence of the current run (since the change point), for an alarm or a status page. */
export function binomialCusumEvidence(state: BinomialCusumState, threshold: number): BinomialCusumEvidence {
  const { errors, requests, expectedErrors } = state
  const observedRate = requests > 0 ? errors / requests : 0
  const baselineRate = requests > 0 ? expectedErrors / requests : 0
  return {
    statistic: state.statistic,
    threshold,
    changeAt: state.changeAt,
    errors,
    requests,
    observedRate,
    baselineRate,
    rateRatio: requests > 0 ? observedRate / baselineRate : NaN,
    pValue: requests > 0 && baselineRate > 0 ? binomialUpperTail(errors, requests, Math.min(1, baselineRate)) : 1,
  }
}
