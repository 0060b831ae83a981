import { normalUpperTail } from './normal.js'
import { sortedOrder } from './sorted-order.js'

/**
 * The Mann–Whitney U test (Wilcoxon rank-sum) with the normal approximation,
 * a tie correction and a continuity correction (Mann & Whitney, Ann. Math.
 * Stat. 18, 1947; Lehmann, Nonparametrics, 1975, §1.4 for ties).
 *
 * In plain words: pool the baseline and the current latencies, rank them, and
 * ask whether the current ones sit higher in the ranking than chance allows.
 * U counts the (baseline, current) pairs where the current one is larger (a
 * tie counts half); under "no change" U has mean n₁n₂/2 and variance
 * n₁n₂/12 · ((N + 1) − Σ(t³ − t)/(N(N − 1))) with t the sizes of tied groups.
 * It needs no distribution assumption, but the normal approximation needs
 * enough samples: both groups must have at least {@link MANN_WHITNEY_MIN_SAMPLES}.
 * For sparse combinations, test the share above the baseline p95 instead
 * (`latency-threshold.ts`): counts need count models.
 */
export const MANN_WHITNEY_MIN_SAMPLES = 20

/** U, its z-score, the p-values of each alternative and the effect size. */
export interface MannWhitneyResult {
  /** U of the current sample: pairs (baseline, current) with current > baseline, ties ½. */
  readonly u: number
  /** Standardised U (with continuity correction towards 0): positive when current is higher. */
  readonly z: number
  /** P-value of "current is stochastically larger" (latency went up). */
  readonly pGreater: number
  /** P-value of "current is stochastically smaller". */
  readonly pLess: number
  /** Two-sided p-value. */
  readonly pTwoSided: number
  /** U / (n₁n₂): probability a random current value exceeds a random baseline value (ties ½); 0.5 = no change. */
  readonly effect: number
}

/** Compare current latencies with baseline ones (each sample ≥ 20 values, no NaN). */
export function mannWhitney(baseline: ArrayLike<number>, current: ArrayLike<number>): MannWhitneyResult {
  const n1 = baseline.length
  const n2 = current.length
  if (n1 < MANN_WHITNEY_MIN_SAMPLES || n2 < MANN_WHITNEY_MIN_SAMPLES) {
    throw new RangeError(
      `the normal approximation needs at least ${MANN_WHITNEY_MIN_SAMPLES} values in each sample, got ${n1} baseline and ${n2} current`,
    )
  }
  const N = n1 + n2
  const pooled = new Float64Array(N)
  for (let i = 0; i < n1; i++) pooled[i] = baseline[i]
  for (let i = 0; i < n2; i++) pooled[n1 + i] = current[i]
  for (let i = 0; i < N; i++) if (Number.isNaN(pooled[i])) throw new RangeError(`value ${i} is NaN`)
  const order = sortedOrder(pooled)
  let rankSumCurrent = 0
  let tieTerm = 0
  for (let start = 0; start < N; ) {
    let end = start + 1
    while (end < N && pooled[order[end]] === pooled[order[start]]) end++
    const midRank = (start + 1 + end) / 2
    for (let j = start; j < end; j++) if (order[j] >= n1) rankSumCurrent += midRank
    const t = end - start
    tieTerm += t * t * t - t
    start = end
  }
  const u = rankSumCurrent - (n2 * (n2 + 1)) / 2
  const mean = (n1 * n2) / 2
  const variance = ((n1 * n2) / 12) * (N + 1 - tieTerm / (N * (N - 1)))
  if (!(variance > 0)) return { u, z: 0, pGreater: 1, pLess: 1, pTwoSided: 1, effect: u / (n1 * n2) }
  const sd = Math.sqrt(variance)
  const diff = u - mean
  const z = diff === 0 ? 0 : (diff - 0.5 * Math.sign(diff)) / sd
  const pGreater = normalUpperTail((diff - 0.5) / sd)
  const pLess = normalUpperTail((-diff - 0.5) / sd)
  return { u, z, pGreater, pLess, pTwoSided: Math.min(1, 2 * Math.min(pGreater, pLess)), effect: u / (n1 * n2) }
}
