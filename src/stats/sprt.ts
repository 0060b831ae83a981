import { checkFinite, checkOpenProbability } from './check-args.js'
import { binomialLogLikelihoodRatio } from './log-likelihood-ratio.js'

/**
 * Wald's sequential probability ratio test for an error rate (Wald, "Sequential
 * tests of statistical hypotheses", Ann. Math. Stat. 16, 1945; Sequential
 * Analysis, 1947, ch. 3).
 *
 * In plain words: every aggregate (errors among requests) adds its log-likelihood
 * ratio to a running total. The test stops as soon as the total crosses
 * ln A = ln((1 − β)/α) (the rate went up: alarm) or ln B = ln(β/(1 − α)) (the
 * rate is fine: restart). Wald showed these boundaries keep the false-alarm
 * probability at most about α and the miss probability at most about β, and
 * that no test with those error rates needs fewer requests on average
 * (Wald & Wolfowitz 1948). The baseline rate p0 and the lift p1 may change from
 * one aggregate to the next (a seasonal baseline): the product of per-step
 * ratios is still a martingale under H0, so the guarantees hold.
 *
 * State is O(1) plain JSON; a test that reached a decision is replaced with
 * {@link createSprt} by the caller.
 */

export type SprtDecision = 'continue' | 'reject_h0' | 'accept_h0'

/** The running test: O(1) plain JSON. */
export interface SprtState {
  /** Running log-likelihood ratio ln(L1/L0) since the test started. */
  readonly llr: number
  /** Largest llr seen since the start: e^(−maxLlr) is an always-valid p-value. */
  readonly maxLlr: number
  /** Step index (the caller's event-time minute) of the first aggregate, null before any. */
  readonly startedAt: number | null
  /** Step index of the latest aggregate. */
  readonly at: number | null
  /** Errors since the test started. */
  readonly errors: number
  /** Requests since the test started. */
  readonly requests: number
  /** Σ requests × p0 over the aggregates: the errors the baseline expected. */
  readonly expectedErrors: number
}

/** Wald's two boundaries on the log-likelihood ratio. */
export interface SprtBoundaries {
  /** ln A = ln((1 − β)/α): crossing it rejects H0 (alarm). */
  readonly upper: number
  /** ln B = ln(β/(1 − α)): crossing it accepts H0 (restart). */
  readonly lower: number
}

/** The two error rates that set the boundaries. */
export interface SprtOptions {
  /** False-alarm probability of one test, in (0, 1). */
  readonly alpha: number
  /** Miss probability at the alternative p1, in (0, 1). */
  readonly beta: number
}

/** What an incident shows for this test. */
export interface SprtEvidence {
  /** Running log-likelihood ratio. */
  readonly llr: number
  /** ln A, the alarm boundary. */
  readonly upper: number
  /** ln B, the all-clear boundary. */
  readonly lower: number
  /** Always-valid p-value min(1, e^(−max llr)) (Ville's inequality on the likelihood-ratio martingale). */
  readonly pValue: number
  /** Step of the first aggregate, null before any. */
  readonly startedAt: number | null
  /** Errors since the test started. */
  readonly errors: number
  /** Requests since the test started. */
  readonly requests: number
  /** errors / requests since the start (0 before any request). */
  readonly observedRate: number
  /** Request-weighted baseline rate since the start. */
  readonly baselineRate: number
  /** observedRate / baselineRate: the size of the effect (NaN before any request). */
  readonly rateRatio: number
}

/** One step: the new state, the decision and the evidence. */
export interface SprtStep {
  /** The state after this step. */
  readonly state: SprtState
  /** `reject_h0`: alarm; `accept_h0`: healthy, restart; `continue`: not yet. */
  readonly decision: SprtDecision
  /** What an incident shows for this test. */
  readonly evidence: SprtEvidence
}

/** A fresh test. */
export function createSprt(): SprtState {
  return { llr: 0, maxLlr: 0, startedAt: null, at: null, errors: 0, requests: 0, expectedErrors: 0 }
}

/** Wald's boundaries ln A = ln((1 − β)/α) and ln B = ln(β/(1 − α)). */
export function sprtBoundaries(alpha: number, beta: number): SprtBoundaries {
  checkOpenProbability('alpha', alpha)
  checkOpenProbability('beta', beta)
  if (!(alpha + beta < 1)) throw new RangeError(`alpha + beta must be < 1, got ${alpha} + ${beta}`)
  return { upper: Math.log((1 - beta) / alpha), lower: Math.log(beta / (1 - alpha)) }
}

/**
 * Add one aggregate (errors among requests at step `at`, baseline p0, alternative p1)
 * and decide. Steps must not go back in time.
 */
export function sprtStep(
  state: SprtState,
  aggregate: { readonly errors: number; readonly requests: number; readonly at: number },
  rates: { readonly p0: number; readonly p1: number },
  options: SprtOptions,
): SprtStep {
  const { errors, requests, at } = aggregate
  checkFinite('at', at)
  if (state.at !== null && at < state.at) throw new RangeError(`at ${at} is before the previous step ${state.at}`)
  if (!(rates.p1 > rates.p0)) throw new RangeError(`p1 (${rates.p1}) must exceed p0 (${rates.p0})`)
  const bounds = sprtBoundaries(options.alpha, options.beta)
  const llr = state.llr + binomialLogLikelihoodRatio(errors, requests, rates.p0, rates.p1)
  const next: SprtState = {
    llr,
    maxLlr: Math.max(state.maxLlr, llr),
    startedAt: state.startedAt ?? at,
    at,
    errors: state.errors + errors,
    requests: state.requests + requests,
    expectedErrors: state.expectedErrors + requests * rates.p0,
  }
  const decision: SprtDecision = llr >= bounds.upper ? 'reject_h0' : llr <= bounds.lower ? 'accept_h0' : 'continue'
  return { state: next, decision, evidence: sprtEvidence(next, bounds) }
}

function sprtEvidence(state: SprtState, bounds: SprtBoundaries): SprtEvidence {
  const observedRate = state.requests > 0 ? state.errors / state.requests : 0
  const baselineRate = state.requests > 0 ? state.expectedErrors / state.requests : 0
  return {
    llr: state.llr,
    upper: bounds.upper,
    lower: bounds.lower,
    pValue: Math.min(1, Math.exp(-state.maxLlr)),
    startedAt: state.startedAt,
    errors: state.errors,
    requests: state.requests,
    observedRate,
    baselineRate,
    rateRatio: state.requests > 0 ? observedRate / baselineRate : NaN,
  }
}
