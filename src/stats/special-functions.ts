import betainc from '@stdlib/math-base-special-betainc'
import gammainc from '@stdlib/math-base-special-gammainc'
import gammaln from '@stdlib/math-base-special-gammaln'
import { checkPositive, checkProbability } from './check-args.js'

/**
 * The special functions every count model here rests on: the log of the gamma
 * function and the regularised incomplete beta and gamma functions.
 *
 * Why they matter: the tail of a binomial, negative-binomial or beta-binomial
 * count is an incomplete beta function, the tail of a Poisson count is an
 * incomplete gamma function, and every likelihood involving factorials is a sum
 * of log-gamma terms (Abramowitz & Stegun, Handbook of Mathematical Functions,
 * 1964, §6.1, §6.5, §26.5). Computing them directly (not as `1 - cdf`) keeps
 * tails of 1e-12 and below exact to about 15 significant digits, where a
 * subtraction from 1 would return 0.
 *
 * The numerics come from stdlib (`@stdlib/math-base-special-*`, ports of the
 * Boost.Math algorithms by DiDonato & Morris and Temme); docs/architecture.md
 * records why a package and why this one.
 */

/** ln Γ(x) for x > 0 (ln((x-1)!) for integers). */
export function logGamma(x: number): number {
  checkPositive('x', x)
  return gammaln(x)
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), the log of the beta function, for a, b > 0. */
export function logBeta(a: number, b: number): number {
  checkPositive('a', a)
  checkPositive('b', b)
  return gammaln(a) + gammaln(b) - gammaln(a + b)
}

/** ln C(n, k), the log of the binomial coefficient, for real 0 ≤ k ≤ n. */
export function logChoose(n: number, k: number): number {
  if (!(k >= 0 && k <= n)) throw new RangeError(`k must be in [0, n = ${n}], got ${k}`)
  if (k === 0 || k === n) return 0
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1)
}

/**
 * Regularised incomplete beta function I_x(a, b) = ∫₀ˣ t^(a−1) (1−t)^(b−1) dt / B(a, b),
 * the CDF at x of a Beta(a, b) variable. With `upper`, returns 1 − I_x(a, b)
 * computed directly (no cancellation), the Beta(a, b) upper tail.
 */
export function regularizedBeta(x: number, a: number, b: number, upper = false): number {
  checkProbability('x', x)
  checkPositive('a', a)
  checkPositive('b', b)
  return clampUnit(betainc(x, a, b, true, upper))
}

/**
 * Regularised lower incomplete gamma function P(s, x) = γ(s, x) / Γ(s), the CDF
 * at x of a Gamma(s, 1) variable. With `upper`, returns Q(s, x) = 1 − P(s, x)
 * computed directly.
 */
export function regularizedGamma(s: number, x: number, upper = false): number {
  checkPositive('s', s)
  if (!(x >= 0)) throw new RangeError(`x must be >= 0, got ${x}`)
  if (x === Infinity) return upper ? 0 : 1
  return clampUnit(gammainc(x, s, true, upper))
}

/** Rounding can leave a probability a hair outside [0, 1]; callers rely on the bounds. */
function clampUnit(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p
}
