import type { BetaParams } from './beta-binomial.js'
import { checkCount, checkFinite, checkOpenProbability, checkPositive } from './check-args.js'
import { logBeta, regularizedBeta } from './special-functions.js'

/**
 * An always-valid p-value for an error rate: the mixture sequential probability
 * ratio test (mSPRT; Robbins, "Statistical methods related to the law of the
 * iterated logarithm", Ann. Math. Stat. 41, 1970; Johari, Koomen, Pekelis &
 * Walsh, "Always valid inference: continuous monitoring of A/B tests",
 * Operations Research 70, 2022, the method behind Optimizely's stats engine).
 *
 * In plain words: instead of betting on one alternative rate p1, the test
 * averages the likelihood ratio over a prior of alternatives (a Beta(a, b)
 * restricted to rates above p0, so it only looks for increases):
 *   Λ_n = ∫_(p0)^1 (p/p0)^e ((1 − p)/(1 − p0))^(n − e) π(p) dp,
 * which has a closed form in beta functions:
 *   Λ_n = B(a + e, b + n − e)·U(a + e, b + n − e) / (B(a, b)·U(a, b)) / (p0^e (1 − p0)^(n − e)),
 * with U(x, y) = P(Beta(x, y) > p0). Under H0 (rate p0) Λ_n is a nonnegative
 * martingale with mean 1, so by Ville's inequality P(Λ_n ever ≥ 1/α) ≤ α:
 * p_n = min(1, 1/max Λ) can be looked at after every request and stopped on
 * at any time, and it still means what a p-value means. That is what makes
 * continuous monitoring honest. The baseline p0 is fixed for the life of the
 * test (start a new one when the baseline is refreshed).
 */
export interface MixtureSprtState {
  /** Baseline rate under H0, fixed for this test. */
  readonly p0: number
  /** The mixing Beta(a, b) over alternatives (truncated to rates above p0). */
  readonly mixture: BetaParams
  /** ln(B(a, b)·P(Beta(a, b) > p0)): the mixture's normaliser, computed once. */
  readonly logPriorMass: number
  /** Errors since the test started. */
  readonly errors: number
  /** Requests since the test started. */
  readonly requests: number
  /** Step of the first aggregate, null before any. */
  readonly startedAt: number | null
  /** Latest step seen. */
  readonly at: number | null
  /** The always-valid p-value so far (non-increasing). */
  readonly pValue: number
}

/** One step of the mixture SPRT: the new state, the decision, and the evidence. */
export interface MixtureSprtStep {
  /** The state after this step. */
  readonly state: MixtureSprtState
  /** True once the always-valid p-value is ≤ α. */
  readonly reject: boolean
  /** What an incident shows for this test. */
  readonly evidence: {
    /** ln Λ_n now. */
    readonly logLikelihoodRatio: number
    readonly pValue: number
    /** Step of the first aggregate, null before any. */
    readonly startedAt: number | null
    /** Errors since the test started. */
    readonly errors: number
    /** Requests since the test started. */
    readonly requests: number
    readonly observedRate: number
    /** observedRate / p0 (NaN before any request). */
    readonly rateRatio: number
  }
}

/**
 * A fresh test against baseline p0 with mixing prior `mixture`, e.g.
 * {@link betaFromMean}(liftAlternative(p0), 10): centred on the lift that
 * matters, wide enough to catch larger and smaller ones.
 */
export function createMixtureSprt(p0: number, mixture: BetaParams): MixtureSprtState {
  checkOpenProbability('p0', p0)
  checkPositive('mixture.a', mixture.a)
  checkPositive('mixture.b', mixture.b)
  const logPriorMass = logMassAbove(p0, mixture.a, mixture.b)
  if (logPriorMass === -Infinity) {
    throw new RangeError(`the mixture Beta(${mixture.a}, ${mixture.b}) has no mass above p0 = ${p0}`)
  }
  return { p0, mixture: { a: mixture.a, b: mixture.b }, logPriorMass, errors: 0, requests: 0, startedAt: null, at: null, pValue: 1 }
}

/** ln Λ for e errors in n requests (see the module comment). */
export function mixtureLogLikelihoodRatio(
  errors: number,
  requests: number,
  p0: number,
  mixture: BetaParams,
  logPriorMass = logMassAbove(p0, mixture.a, mixture.b),
): number {
  checkCount('errors', errors)
  checkCount('requests', requests)
  if (errors > requests) throw new RangeError(`errors (${errors}) cannot exceed requests (${requests})`)
  checkOpenProbability('p0', p0)
  const posterior = logMassAbove(p0, mixture.a + errors, mixture.b + requests - errors)
  return posterior - logPriorMass - errors * Math.log(p0) - (requests - errors) * Math.log1p(-p0)
}

/** ln ∫_(p0)^1 p^(a−1) (1−p)^(b−1) dp = ln(B(a, b)·P(Beta(a, b) > p0)). */
function logMassAbove(p0: number, a: number, b: number): number {
  return logBeta(a, b) + Math.log(regularizedBeta(p0, a, b, true))
}

/** Add one aggregate and report the always-valid p-value; reject once it is ≤ α. */
export function mixtureSprtStep(
  state: MixtureSprtState,
  aggregate: { readonly errors: number; readonly requests: number; readonly at: number },
  alpha: number,
): MixtureSprtStep {
  checkFinite('at', aggregate.at)
  checkOpenProbability('alpha', alpha)
  if (state.at !== null && aggregate.at < state.at) {
    throw new RangeError(`at ${aggregate.at} is before the previous step ${state.at}`)
  }
  const errors = state.errors + aggregate.errors
  const requests = state.requests + aggregate.requests
  const llr = mixtureLogLikelihoodRatio(errors, requests, state.p0, state.mixture, state.logPriorMass)
  const pValue = Math.min(state.pValue, Math.min(1, Math.exp(-llr)))
  const next: MixtureSprtState = {
    ...state,
    errors,
    requests,
    startedAt: state.startedAt ?? aggregate.at,
    at: aggregate.at,
    pValue,
  }
  const observedRate = requests > 0 ? errors / requests : 0
  return {
    state: next,
    reject: pValue <= alpha,
    evidence: {
      logLikelihoodRatio: llr,
      pValue,
      startedAt: next.startedAt,
      errors,
      requests,
      observedRate,
      rateRatio: requests > 0 ? observedRate / state.p0 : NaN,
    },
  }
}
