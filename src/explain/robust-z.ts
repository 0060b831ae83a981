import type { OutputStats } from '../features/output-stats.js'

/** Consistency constant: 1.4826 · MAD estimates the standard deviation of normal data. */
const MAD_TO_STD = 1.4826
const Z_CAP = 1000

/**
 * How many (robust) standard deviations a value lies from the training median:
 * the MAD when the feature varies, the standard deviation when more than half
 * the values are equal, capped at ±1000.
 */
export function robustZ(value: number, s: OutputStats): number {
  const scale = s.mad > 0 ? MAD_TO_STD * s.mad : s.std
  if (!(scale > 0)) return value === s.median ? 0 : Math.sign(value - s.median) * Z_CAP
  return Math.max(-Z_CAP, Math.min(Z_CAP, (value - s.median) / scale))
}

/** Share of training values at or below `value`, interpolated between the stored quantiles. */
export function percentileOf(value: number, s: OutputStats): number {
  const q = s.quantiles
  if (q.length < 2) return NaN
  if (value < (q[0] as number)) return 0
  if (value >= (q[q.length - 1] as number)) return 1
  let lo = 0
  let hi = q.length - 1
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1
    if ((q[mid] as number) <= value) lo = mid
    else hi = mid
  }
  const a = q[lo] as number
  const b = q[hi] as number
  const frac = b > a ? (value - a) / (b - a) : 1
  return (lo + frac) / (q.length - 1)
}
