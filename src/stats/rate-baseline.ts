import { betaFromMean, type BetaParams } from './beta-binomial.js'
import { checkCount, checkFinite, checkNonNegative, checkPositive } from './check-args.js'
import { decayFactor } from './forgetting.js'

/**
 * A combination's baseline error rate as a Beta posterior, shrunk towards its
 * parent's rate (empirical Bayes) and updated with exponential forgetting.
 *
 * In plain words: a combination that served 40 requests with 0 errors has not
 * shown an error rate of 0 %; it has shown little. The baseline starts from the
 * parent's rate, weighted as `strength` pseudo-requests (how alike siblings
 * are, estimated by {@link estimatePriorStrength}), and adds the combination's
 * own errors and requests: Beta(m·p_parent + errors, m·(1 − p_parent) + successes)
 * (Gelman et al., Bayesian Data Analysis, 3rd ed., 2013, §5.3, the rat-tumour
 * example; Efron & Morris 1975 for the shrinkage). Busy combinations are
 * dominated by their own history, sparse ones borrow strength from the parent.
 * The combination's counts are forgotten with a half-life, so the baseline
 * follows slow drift while a regression (minutes) stands out.
 */
export interface RateBaselineState {
  /** Forgotten error count. */
  readonly errors: number
  /** Forgotten request count (effective sample size of the combination's own history). */
  readonly requests: number
  /** Step of the most recent aggregate folded in, null when empty. */
  readonly at: number | null
}

/** The parent's pull: its rate and its weight in pseudo-requests (from {@link estimatePriorStrength}). */
export interface RatePrior {
  /** The parent's rate, in (0, 1). */
  readonly mean: number
  /** Weight of the parent's rate in pseudo-requests (> 0). */
  readonly strength: number
}

/** The baseline rate as a Beta(a, b) distribution, with its mean, spread and shrinkage. */
export interface RatePosterior extends BetaParams {
  /** Posterior mean a / (a + b): the baseline rate p0 to test against. */
  readonly mean: number
  /** Posterior standard deviation of the rate. */
  readonly sd: number
  /** Share of the posterior weight that comes from the parent, m / (m + requests). */
  readonly shrinkage: number
}

/** A combination with no history (its posterior is the parent prior). */
export function createRateBaseline(): RateBaselineState {
  return { errors: 0, requests: 0, at: null }
}

/**
 * Fold one aggregate (errors among requests at step `at`) into the baseline,
 * forgetting with `halfLife` steps. Aggregates may arrive out of order.
 * Feed only traffic judged normal: a regression folded in becomes the baseline.
 */
export function updateRateBaseline(
  state: RateBaselineState,
  aggregate: { readonly errors: number; readonly requests: number; readonly at: number },
  halfLife: number,
): RateBaselineState {
  const { errors, requests, at } = aggregate
  checkCount('errors', errors)
  checkCount('requests', requests)
  if (errors > requests) throw new RangeError(`errors (${errors}) cannot exceed requests (${requests})`)
  checkFinite('at', at)
  checkPositive('halfLife', halfLife)
  if (state.at === null) return { errors, requests, at }
  if (at >= state.at) {
    const keep = decayFactor(at - state.at, halfLife)
    return { errors: state.errors * keep + errors, requests: state.requests * keep + requests, at }
  }
  const weight = decayFactor(state.at - at, halfLife)
  return { errors: state.errors + errors * weight, requests: state.requests + requests * weight, at: state.at }
}

/** The baseline as it stands at step `at` (forgetting applied up to then, nothing added). */
export function ageRateBaseline(state: RateBaselineState, at: number, halfLife: number): RateBaselineState {
  if (state.at === null || at <= state.at) return state
  const keep = decayFactor(at - state.at, halfLife)
  return { errors: state.errors * keep, requests: state.requests * keep, at }
}

/** The Beta posterior of the rate given the parent prior. */
export function rateBaselinePosterior(state: RateBaselineState, prior: RatePrior): RatePosterior {
  checkNonNegative('errors', state.errors)
  checkNonNegative('requests', state.requests)
  const { a: priorA, b: priorB } = betaFromMean(prior.mean, prior.strength)
  const a = priorA + state.errors
  const b = priorB + (state.requests - state.errors)
  const total = a + b
  const mean = a / total
  return {
    a,
    b,
    mean,
    sd: Math.sqrt((mean * (1 - mean)) / (total + 1)),
    shrinkage: prior.strength / (prior.strength + state.requests),
  }
}
