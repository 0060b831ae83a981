import { sortFloat64 } from './sort-float64.js'

/** Small descriptive statistics over typed arrays, NaN-free input assumed unless said. */

export interface Summary {
  readonly count: number
  readonly min: number
  readonly max: number
  readonly mean: number
  readonly std: number
}

/** Population mean, std (ddof = 0), min and max. */
export function summarize(values: ArrayLike<number>): Summary {
  const n = values.length
  if (n === 0) return { count: 0, min: NaN, max: NaN, mean: NaN, std: NaN }
  let min = Infinity
  let max = -Infinity
  let mean = 0
  let m2 = 0
  for (let i = 0; i < n; i++) {
    const v = values[i] as number
    if (v < min) min = v
    if (v > max) max = v
    // Welford: numerically stable in one pass
    const delta = v - mean
    mean += delta / (i + 1)
    m2 += delta * (v - mean)
  }
  return { count: n, min, max, mean, std: Math.sqrt(m2 / n) }
}

/** Linear-interpolated quantile (numpy's default, "linear") of already sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length
  if (n === 0) return NaN
  const pos = (n - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.min(lo + 1, n - 1)
  const frac = pos - lo
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * frac
}

/** Quantile of unsorted values (copies, then sorts). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort()
  return quantileSorted(sorted, q)
}

/** Median ignoring NaN; NaN when every value is missing. */
export function nanMedian(values: ArrayLike<number>): number {
  const present = new Float64Array(values.length)
  let n = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number
    if (!Number.isNaN(v)) present[n++] = v
  }
  const sorted = present.subarray(0, n)
  // a linear-time radix sort: medians of every training column are part of each training
  sortFloat64(sorted, new Float64Array(n))
  return quantileSorted(sorted, 0.5)
}
