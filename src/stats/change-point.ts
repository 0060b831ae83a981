import { checkCount, checkNonNegative, checkOpenProbability } from './check-args.js'

/**
 * "Since when": the most likely start of a change in a per-minute series, by
 * the generalised likelihood ratio (Hinkley, "Inference about the change-point
 * from cumulative sum tests", Biometrika 58, 1971; Basseville & Nikiforov,
 * Detection of Abrupt Changes, 1993, §2.4).
 *
 * In plain words: for every candidate start τ, assume the rate (or traffic
 * level) was the baseline before τ and the best-fitting constant afterwards,
 * and measure how much better that explains the data than "no change"; the τ
 * that explains it best is the estimate. A CUSUM's own change point is exact
 * when the regression is the size it was tuned for; when it is much larger
 * (a 1 % → 20 % jump seen by a CUSUM tuned to 1 % → 3 %), the CUSUM may have
 * been drifting on noise before, and this estimate, which fits the size, is
 * sharper. Used on the evidence series once an alarm is raised: O(n) with suffix sums.
 */
export interface ChangePoint {
  /** Index into the series of the first step after the change (0 = from the start). */
  readonly index: number
  /** The log-likelihood ratio of "changed at index" against "no change" (≥ 0). */
  readonly llr: number
  /** Observed total (errors or requests) from index on. */
  readonly observed: number
  /** Baseline-expected total from index on. */
  readonly expected: number
}

/**
 * Change point of an error rate going up: errors[t] among requests[t] with baseline
 * rate p0 (one number, or one per step). Returns index = series length and llr = 0 when no suffix is above baseline.
 */
export function binomialChangePoint(
  errors: ArrayLike<number>,
  requests: ArrayLike<number>,
  p0: number | ArrayLike<number>,
): ChangePoint {
  const n = errors.length
  if (requests.length !== n) throw new RangeError(`errors has ${n} values but requests has ${requests.length}`)
  if (typeof p0 !== 'number' && p0.length !== n) throw new RangeError(`p0 has ${p0.length} values, expected ${n}`)
  let sumErrors = 0
  let sumRequests = 0
  let sumLogP0 = 0
  let sumLogQ0 = 0
  let sumExpected = 0
  let best: ChangePoint = { index: n, llr: 0, observed: 0, expected: 0 }
  for (let t = n - 1; t >= 0; t--) {
    const e = errors[t]
    const r = requests[t]
    const base = typeof p0 === 'number' ? p0 : p0[t]
    checkCount(`errors[${t}]`, e)
    checkCount(`requests[${t}]`, r)
    if (e > r) throw new RangeError(`errors[${t}] = ${e} exceeds requests[${t}] = ${r}`)
    checkOpenProbability(`p0[${t}]`, base)
    sumErrors += e
    sumRequests += r
    sumLogP0 += e * Math.log(base)
    sumLogQ0 += (r - e) * Math.log1p(-base)
    sumExpected += r * base
    if (sumRequests === 0 || sumErrors <= sumExpected) continue
    const rate = sumErrors / sumRequests
    const fitted = sumErrors * Math.log(rate) + (sumErrors < sumRequests ? (sumRequests - sumErrors) * Math.log1p(-rate) : 0)
    const llr = fitted - sumLogP0 - sumLogQ0
    if (llr > best.llr) best = { index: t, llr, observed: sumErrors, expected: sumExpected }
  }
  return best
}

/**
 * Change point of a count level: counts[t] against expected[t] (Poisson), the
 * level after the change fitted as a constant multiple of the expectation,
 * looking for a rise (`direction` 'up') or a fall ('down').
 */
export function countChangePoint(counts: ArrayLike<number>, expected: ArrayLike<number>, direction: 'up' | 'down'): ChangePoint {
  const n = counts.length
  if (expected.length !== n) throw new RangeError(`counts has ${n} values but expected has ${expected.length}`)
  let sumCounts = 0
  let sumExpected = 0
  let best: ChangePoint = { index: n, llr: 0, observed: 0, expected: 0 }
  for (let t = n - 1; t >= 0; t--) {
    checkCount(`counts[${t}]`, counts[t])
    checkNonNegative(`expected[${t}]`, expected[t])
    sumCounts += counts[t]
    sumExpected += expected[t]
    if (sumExpected === 0) continue
    const ratio = sumCounts / sumExpected
    if (direction === 'up' ? ratio <= 1 : ratio >= 1) continue
    // Poisson: C ln(ρ̂) − M(ρ̂ − 1), with C ln ρ̂ = 0 when C = 0.
    const llr = (sumCounts > 0 ? sumCounts * Math.log(ratio) : 0) - sumExpected * (ratio - 1)
    if (llr > best.llr) best = { index: t, llr, observed: sumCounts, expected: sumExpected }
  }
  return best
}
