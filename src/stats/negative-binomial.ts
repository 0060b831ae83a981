import { checkCount, checkNonNegative } from './check-args.js'
import { poissonLogPmf, poissonLowerTail, poissonUpperTail } from './poisson.js'
import { logGamma, regularizedBeta } from './special-functions.js'

/**
 * The negative binomial distribution for over-dispersed counts, parametrised
 * by its mean μ and its size r (the "NB2" form of Cameron & Trivedi, Regression
 * Analysis of Count Data, 2nd ed., 2013, §3.3): Var(X) = μ + μ²/r.
 *
 * Real traffic varies more than a Poisson count would (bursts, retries, batch
 * clients); treating it as Poisson turns that ordinary noise into false
 * alarms. As r → ∞ it becomes Poisson(μ); `size = Infinity` means exactly that.
 * With p = r / (r + μ), the tails are incomplete beta functions (Johnson, Kemp
 * & Kotz 2005, §5.6): P(X ≤ k) = I_p(r, k + 1) and P(X ≥ k) = I_(1−p)(k, r).
 */

/** Sizes this large relative to μ are numerically Poisson (the log-gamma difference would lose digits). */
const POISSON_LIMIT = 1e10

/** ln P(X = k) for X ~ NegativeBinomial(mean μ, size r). */
export function negativeBinomialLogPmf(k: number, mu: number, size: number): number {
  checkArgs(k, mu, size)
  if (isPoisson(mu, size)) return poissonLogPmf(k, mu)
  const total = size + mu
  return logGamma(k + size) - logGamma(size) - logGamma(k + 1) + size * Math.log(size / total) + k * Math.log(mu / total)
}

/** P(X ≥ k) for X ~ NegativeBinomial(mean μ, size r): the p-value of a spike to k over-dispersed requests. */
export function negativeBinomialUpperTail(k: number, mu: number, size: number): number {
  checkArgs(k, mu, size)
  if (isPoisson(mu, size)) return poissonUpperTail(k, mu)
  if (k === 0) return 1
  return regularizedBeta(mu / (size + mu), k, size)
}

/** P(X ≤ k) for X ~ NegativeBinomial(mean μ, size r): the p-value of a drop to k over-dispersed requests. */
export function negativeBinomialLowerTail(k: number, mu: number, size: number): number {
  checkArgs(k, mu, size)
  if (isPoisson(mu, size)) return poissonLowerTail(k, mu)
  return regularizedBeta(size / (size + mu), size, k + 1)
}

function isPoisson(mu: number, size: number): boolean {
  return mu === 0 || size === Infinity || size > POISSON_LIMIT * Math.max(mu, 1)
}

function checkArgs(k: number, mu: number, size: number): void {
  checkCount('k', k)
  checkNonNegative('mu', mu)
  if (!(size > 0)) throw new RangeError(`size must be > 0 (Infinity for Poisson), got ${size}`)
}
