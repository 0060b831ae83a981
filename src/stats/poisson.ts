import { checkCount, checkNonNegative } from './check-args.js'
import { logGamma, regularizedGamma } from './special-functions.js'

/**
 * The Poisson distribution: the number of requests X in a minute when they
 * arrive independently at an expected rate μ. The exact tails are incomplete
 * gamma functions (Abramowitz & Stegun 1964, 26.4.21; Johnson, Kemp & Kotz
 * 2005, §4.4): P(X ≥ k) = P(k, μ) and P(X ≤ k) = Q(k + 1, μ).
 *
 * The traffic-drop bound falls out of it: P(X = 0) = e^(−μ), so seeing no
 * request where μ were expected is significant at level α once μ ≥ ln(1/α)
 * (6.9 expected requests at α = 1e-3, 11.5 at 1e-5).
 */

/** ln P(X = k) for X ~ Poisson(μ). */
export function poissonLogPmf(k: number, mu: number): number {
  checkArgs(k, mu)
  if (mu === 0) return k === 0 ? 0 : -Infinity
  return k * Math.log(mu) - mu - logGamma(k + 1)
}

/** P(X ≥ k) for X ~ Poisson(μ): the one-sided p-value of a traffic spike to k. */
export function poissonUpperTail(k: number, mu: number): number {
  checkArgs(k, mu)
  if (k === 0) return 1
  if (mu === 0) return 0
  return regularizedGamma(k, mu)
}

/** P(X ≤ k) for X ~ Poisson(μ): the one-sided p-value of a traffic drop to k. */
export function poissonLowerTail(k: number, mu: number): number {
  checkArgs(k, mu)
  if (mu === 0) return 1
  return regularizedGamma(k + 1, mu, true)
}

function checkArgs(k: number, mu: number): void {
  checkCount('k', k)
  checkNonNegative('mu', mu)
}
