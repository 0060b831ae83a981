import { checkOpenProbability } from './check-args.js'
import { sortedOrder } from './sorted-order.js'

/**
 * The Benjamini–Hochberg step-up procedure for one tick's p-values
 * (Benjamini & Hochberg, "Controlling the false discovery rate", JRSS B 57, 1995).
 *
 * In plain words: with thousands of combinations tested each minute, a
 * 1-in-1000 fluke happens every minute. BH sorts the p-values, finds the
 * largest rank k with p_(k) ≤ k·q/m, and rejects the k smallest. Then, on
 * average, at most a share q of the alarms raised are false (the false
 * discovery rate), whatever the number of combinations. It holds for
 * independent tests and for positively dependent ones such as a combination
 * and its parent, which share requests (Benjamini & Yekutieli, Ann. Stat. 29, 2001).
 */
export interface BenjaminiHochbergResult {
  /** 1 where the hypothesis is rejected (an alarm), in input order. */
  readonly rejected: Uint8Array
  /** Number rejected (k). */
  readonly count: number
  /** The largest p-value rejected (0 when none): every p ≤ it is rejected. */
  readonly threshold: number
  /**
   * BH-adjusted p-values (q-values), in input order: min over j ≥ rank of p_(j)·m/j,
   * capped at 1. A hypothesis is rejected at level q exactly when its adjusted value is ≤ q.
   */
  readonly adjusted: Float64Array
}

/** Run BH at false-discovery rate `q` on `pValues` (each in [0, 1]). */
export function benjaminiHochberg(pValues: ArrayLike<number>, q: number): BenjaminiHochbergResult {
  checkOpenProbability('q', q)
  checkPValues(pValues)
  return benjaminiHochbergInOrder(pValues, sortedOrder(pValues), q)
}

/** Every p-value in [0, 1] (internal: shared with the online procedure). */
export function checkPValues(pValues: ArrayLike<number>): void {
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i]
    if (!(p >= 0 && p <= 1)) throw new RangeError(`pValues[${i}] must be in [0, 1], got ${p}`)
  }
}

/** BH on p-values already checked and sorted (`order` from sortedOrder): shared with the online procedure. */
export function benjaminiHochbergInOrder(pValues: ArrayLike<number>, order: Uint32Array, q: number): BenjaminiHochbergResult {
  const m = pValues.length
  // Adjusted values first (step-up: a running minimum from the largest p down); rejecting
  // exactly where adjusted ≤ q is BH's rule, and keeps the two outputs consistent to the bit.
  // p·(m/rank) rather than p·m/rank: m/rank ≥ 1, so rounding never takes a value below p.
  const adjusted = new Float64Array(m)
  let running = 1
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1]
    running = Math.min(running, pValues[index] * (m / rank))
    adjusted[index] = running
  }
  const rejected = new Uint8Array(m)
  let count = 0
  for (let rank = 1; rank <= m; rank++) {
    const index = order[rank - 1]
    if (adjusted[index] > q) break
    rejected[index] = 1
    count = rank
  }
  return { rejected, count, threshold: count > 0 ? pValues[order[count - 1]] : 0, adjusted }
}
