import { checkCount, checkProbability } from './check-args.js'
import { logChoose, regularizedBeta } from './special-functions.js'

/**
 * The binomial distribution: the number of errors X among n requests when each
 * fails independently with probability p. The exact tails are incomplete beta
 * functions (Abramowitz & Stegun 1964, 26.5.24; Johnson, Kemp & Kotz,
 * Univariate Discrete Distributions, 3rd ed., 2005, §3.6):
 * P(X ≥ k) = I_p(k, n − k + 1) and P(X ≤ k) = I_(1−p)(n − k, k + 1).
 * No sum over k and no `1 − cdf`, so a tail of 1e-15 keeps its digits.
 */

/** ln P(X = k) for X ~ Binomial(n, p). */
export function binomialLogPmf(k: number, n: number, p: number): number {
  checkArgs(k, n, p)
  if (k > n) return -Infinity
  if (p === 0) return k === 0 ? 0 : -Infinity
  if (p === 1) return k === n ? 0 : -Infinity
  return logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p)
}

/** P(X ≥ k) for X ~ Binomial(n, p): the one-sided p-value of k or more errors in n requests at rate p. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  checkArgs(k, n, p)
  if (k === 0) return 1
  if (k > n) return 0
  if (p === 0) return 0
  if (p === 1) return 1
  return regularizedBeta(p, k, n - k + 1)
}

/** P(X ≤ k) for X ~ Binomial(n, p): the one-sided p-value of k or fewer errors in n requests at rate p. */
export function binomialLowerTail(k: number, n: number, p: number): number {
  checkArgs(k, n, p)
  if (k >= n) return 1
  if (p === 0) return 1
  if (p === 1) return 0
  // I_(1−p)(n − k, k + 1) is the upper tail of I_p(k + 1, n − k): computed on p, not on 1 − p.
  return regularizedBeta(p, k + 1, n - k, true)
}

function checkArgs(k: number, n: number, p: number): void {
  checkCount('k', k)
  checkCount('n', n)
  checkProbability('p', p)
}
