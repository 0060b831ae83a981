import { checkCount, checkNonNegative, checkOpenProbability, checkPositive } from './check-args.js'
import { logBeta } from './special-functions.js'

/**
 * Log-likelihood ratios ln(P(data | H1) / P(data | H0)) of one aggregate (one
 * minute of one combination): the evidence increments that the SPRT and the
 * CUSUMs add up. Positive = the data look more like the regression than like
 * the baseline. Each is the log of a ratio of the two likelihoods, with the
 * terms that do not depend on the hypothesis cancelled (Wald 1947, ch. 3;
 * Siegmund, Sequential Analysis, 1985, ch. 2).
 */

/**
 * Binomial: e errors among n requests, H0 rate p0 vs H1 rate p1:
 * e·ln(p1/p0) + (n − e)·ln((1 − p1)/(1 − p0)).
 * Per request this is ln(p1/p0) ≈ +3.0 for an error and ln(0.8/0.99) ≈ −0.21
 * for a success when 1 % → 20 %.
 */
export function binomialLogLikelihoodRatio(errors: number, requests: number, p0: number, p1: number): number {
  checkCounts(errors, requests)
  checkOpenProbability('p0', p0)
  checkOpenProbability('p1', p1)
  return errors * Math.log(p1 / p0) + (requests - errors) * (Math.log1p(-p1) - Math.log1p(-p0))
}

/**
 * Beta-binomial: the same comparison when the rate wobbles from minute to
 * minute around its mean (p ~ Beta with mean p0 or p1 and the same
 * concentration m, in pseudo-requests). A smaller m means more wobble, so a
 * burst of errors in one minute is less conclusive than under the binomial;
 * as m → ∞ this tends to {@link binomialLogLikelihoodRatio}.
 */
export function betaBinomialLogLikelihoodRatio(
  errors: number,
  requests: number,
  p0: number,
  p1: number,
  concentration: number,
): number {
  checkCounts(errors, requests)
  checkOpenProbability('p0', p0)
  checkOpenProbability('p1', p1)
  checkPositive('concentration', concentration)
  const a0 = p0 * concentration
  const b0 = (1 - p0) * concentration
  const a1 = p1 * concentration
  const b1 = (1 - p1) * concentration
  const successes = requests - errors
  return logBeta(errors + a1, successes + b1) - logBeta(a1, b1) - logBeta(errors + a0, successes + b0) + logBeta(a0, b0)
}

/**
 * Poisson: c requests where μ were expected, H0 mean μ vs H1 mean ratio·μ:
 * c·ln(ratio) − μ·(ratio − 1). `ratio` > 1 looks for spikes, < 1 for drops, and
 * 0 for an outage (each silent minute adds μ; any request at all gives −∞).
 */
export function poissonLogLikelihoodRatio(count: number, expected: number, ratio: number): number {
  checkCount('count', count)
  checkNonNegative('expected', expected)
  checkNonNegative('ratio', ratio)
  if (ratio === 0) return count === 0 ? expected : -Infinity
  return count * Math.log(ratio) - expected * (ratio - 1)
}

/**
 * Negative binomial (mean μ, size r; Var = μ + μ²/r), H0 mean μ vs H1 mean ratio·μ:
 * r·ln((r + μ)/(r + ratio·μ)) + c·ln(ratio·(r + μ)/(r + ratio·μ)).
 * Over-dispersed traffic makes a busy minute less conclusive than under the
 * Poisson; `size = Infinity` gives {@link poissonLogLikelihoodRatio}.
 */
export function negativeBinomialLogLikelihoodRatio(count: number, expected: number, ratio: number, size: number): number {
  if (size === Infinity) return poissonLogLikelihoodRatio(count, expected, ratio)
  checkCount('count', count)
  checkNonNegative('expected', expected)
  checkNonNegative('ratio', ratio)
  checkPositive('size', size)
  // ln((r + μ)/(r + ρμ)) = ln(1 + μ/r) − ln(1 + ρμ/r), kept accurate for μ ≪ r.
  const logShift = Math.log1p(expected / size) - Math.log1p((ratio * expected) / size)
  if (ratio === 0) return count === 0 ? size * logShift : -Infinity
  return size * logShift + count * (Math.log(ratio) + logShift)
}

function checkCounts(errors: number, requests: number): void {
  checkCount('errors', errors)
  checkCount('requests', requests)
  if (errors > requests) throw new RangeError(`errors (${errors}) cannot exceed requests (${requests})`)
}
