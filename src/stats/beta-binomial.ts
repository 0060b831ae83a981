import { checkCount, checkOpenProbability, checkPositive, checkProbability } from './check-args.js'
import { logBeta, logChoose } from './special-functions.js'

/**
 * The beta-binomial distribution: errors X among n requests when the error
 * rate itself is uncertain, p ~ Beta(a, b) (Skellam 1948; Johnson, Kemp & Kotz
 * 2005, §6.7.2): P(X = k) = C(n, k) B(k + a, n − k + b) / B(a, b).
 *
 * Two uses here. It is the posterior predictive of a combination's error count
 * given its Beta baseline (so the "normal range" honestly widens when the
 * baseline rests on few requests), and it is the over-dispersed model of error
 * counts whose rate wobbles from minute to minute (a client retrying, a slow
 * dependency): the mean is n·a/(a+b) and the variance is n·p(1−p)·(a+b+n)/(a+b+1).
 */

/** Beta(a, b) with mean `mean` and concentration `a + b` (its weight in pseudo-requests). */
export interface BetaParams {
  /** First shape: pseudo-errors. */
  readonly a: number
  /** Second shape: pseudo-successes. */
  readonly b: number
}

/** The Beta(a, b) with a given mean in (0, 1) and concentration a + b > 0. */
export function betaFromMean(mean: number, concentration: number): BetaParams {
  checkOpenProbability('mean', mean)
  checkPositive('concentration', concentration)
  return { a: mean * concentration, b: (1 - mean) * concentration }
}

/** ln P(X = k) for X ~ BetaBinomial(n, a, b). */
export function betaBinomialLogPmf(k: number, n: number, a: number, b: number): number {
  checkCount('k', k)
  checkCount('n', n)
  if (k > n) return -Infinity
  return logChoose(n, k) + logBeta(k + a, n - k + b) - logBeta(a, b)
}

/**
 * Log-likelihood of per-minute error counts `errors[i]` among `requests[i]`
 * under BetaBinomial(a, b) each: Σ ln P(X_i = errors[i]).
 */
export function betaBinomialLogLikelihood(errors: ArrayLike<number>, requests: ArrayLike<number>, a: number, b: number): number {
  if (errors.length !== requests.length) {
    throw new RangeError(`errors has ${errors.length} values but requests has ${requests.length}`)
  }
  checkPositive('a', a)
  checkPositive('b', b)
  const base = logBeta(a, b)
  let total = 0
  for (let i = 0; i < errors.length; i++) {
    const k = errors[i]
    const n = requests[i]
    checkCount(`errors[${i}]`, k)
    checkCount(`requests[${i}]`, n)
    if (k > n) throw new RangeError(`errors[${i}] = ${k} exceeds requests[${i}] = ${n}`)
    total += logChoose(n, k) + logBeta(k + a, n - k + b) - base
  }
  return total
}

/**
 * P(X ≥ k) for X ~ BetaBinomial(n, a, b), summed term by term with the ratio
 * P(j+1)/P(j) = (n−j)(j+a) / ((j+1)(n−j−1+b)). Above the mean it sums the
 * upper terms (a tail of 1e-30 keeps its digits); below it, one minus the lower terms.
 */
export function betaBinomialUpperTail(k: number, n: number, a: number, b: number): number {
  checkCount('k', k)
  checkCount('n', n)
  checkPositive('a', a)
  checkPositive('b', b)
  if (k === 0) return 1
  if (k > n) return 0
  if (k > (n * a) / (a + b)) return Math.min(1, massBetween(k, n, n, a, b))
  return Math.max(0, 1 - massBetween(0, k - 1, n, a, b))
}

/**
 * The central predictive interval [lo, hi] of X ~ BetaBinomial(n, a, b) holding at
 * least `level` of the mass (P(X < lo) ≤ (1−level)/2 and P(X > hi) ≤ (1−level)/2):
 * the normal range of an error count for n requests, baseline uncertainty included.
 */
export function betaBinomialInterval(n: number, a: number, b: number, level: number): { lo: number; hi: number } {
  checkCount('n', n)
  checkPositive('a', a)
  checkPositive('b', b)
  checkProbability('level', level)
  const tail = (1 - level) / 2
  // Terms relative to the one at the mean, normalised by their sum: no absolute pmf is
  // needed, so nothing underflows (pmf(0) does for 100,000 requests at 1 %).
  const mean = Math.min(n, Math.round((n * a) / (a + b)))
  const { from, to } = nonNegligibleRange(mean, n, a, b)
  const terms = new Float64Array(to - from + 1)
  terms[mean - from] = 1
  for (let j = mean; j < to; j++) terms[j + 1 - from] = terms[j - from] * ratio(j, n, a, b)
  for (let j = mean; j > from; j--) terms[j - 1 - from] = terms[j - from] / ratio(j - 1, n, a, b)
  let total = 0
  for (let i = 0; i < terms.length; i++) total += terms[i]
  let cumulative = 0
  let lo = -1
  for (let j = from; j <= to; j++) {
    cumulative += terms[j - from] / total
    if (lo < 0 && cumulative > tail) lo = j
    if (cumulative >= 1 - tail) return { lo: lo < 0 ? j : lo, hi: j }
  }
  return { lo: lo < 0 ? to : lo, hi: to }
}

/** Terms this far below the largest one are dropped: they cannot move a double. */
const NEGLIGIBLE = 1e-20

/** P(j+1) / P(j) for BetaBinomial(n, a, b). */
function ratio(j: number, n: number, a: number, b: number): number {
  return ((n - j) * (j + a)) / ((j + 1) * (n - j - 1 + b))
}

/** Unimodal shapes (a, b ≥ 1) allow stopping once terms are negligible; U shapes do not. */
function unimodal(a: number, b: number): boolean {
  return a >= 1 && b >= 1
}

/**
 * The range around `mean` outside which terms are below NEGLIGIBLE of the term at
 * the mean (the whole support for U or J shapes, which may rise again towards an end).
 */
function nonNegligibleRange(mean: number, n: number, a: number, b: number): { from: number; to: number } {
  if (!unimodal(a, b)) return { from: 0, to: n }
  let from = mean
  let relative = 1
  while (from > 0) {
    relative /= ratio(from - 1, n, a, b)
    if (relative < NEGLIGIBLE) break
    from--
  }
  let to = mean
  relative = 1
  while (to < n) {
    relative *= ratio(to, n, a, b)
    if (relative < NEGLIGIBLE) break
    to++
  }
  return { from, to }
}

/**
 * Σ P(X = j) for j in [from, to]: starts at the point of the range nearest the
 * mean, walks outwards with the term ratio in a scale relative to that point
 * (so nothing underflows before the end), and stops a side once its terms are negligible.
 */
function massBetween(from: number, to: number, n: number, a: number, b: number): number {
  const start = Math.min(to, Math.max(from, Math.round((n * a) / (a + b))))
  const canStop = unimodal(a, b)
  let sum = 1
  let relative = 1
  for (let j = start; j < to; j++) {
    relative *= ratio(j, n, a, b)
    sum += relative
    if (canStop && relative < sum * NEGLIGIBLE) break
  }
  relative = 1
  for (let j = start; j > from; j--) {
    relative /= ratio(j - 1, n, a, b)
    sum += relative
    if (canStop && relative < sum * NEGLIGIBLE) break
  }
  return Math.exp(betaBinomialLogPmf(start, n, a, b) + Math.log(sum))
}
