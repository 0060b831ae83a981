/** Small summary statistics over per-seed measurements and latency samples. */

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i] as number
  return sum / values.length
}

export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5)
}

/** Linear interpolation between closest ranks (numpy's default), NaN when empty. */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return NaN
  const sorted = Float64Array.from(values).sort()
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.min(lo + 1, sorted.length - 1)
  return (sorted[lo] as number) + (pos - lo) * ((sorted[hi] as number) - (sorted[lo] as number))
}
