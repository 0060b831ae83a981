import { sortFloat64 } from '../math/sort-float64.js'
import { quantileSorted } from '../math/stats.js'
import type { FeatureOutput } from './pipeline-spec.js'

/** Training distribution of one model input, for explanations (robust z-scores, percentiles, rarity). */
export interface OutputStats {
  readonly median: number
  /** Median absolute deviation (unscaled). */
  readonly mad: number
  readonly mean: number
  readonly std: number
  readonly min: number
  readonly max: number
  /** 101 quantiles (0%, 1%, …, 100%) of the training values. */
  readonly quantiles: number[]
  /** For outputs with few distinct values (time parts): value → share of training rows. */
  readonly frequencies?: Record<string, number>
}

const QUANTILES = 101
const DISCRETE_OPS = new Set<FeatureOutput['op']>(['hour', 'day_of_week', 'month', 'is_weekend'])

/** Statistics of each output column over the training rows (missing values skipped). */
export function outputStats(raw: Float64Array, rows: number, outputs: readonly FeatureOutput[]): OutputStats[] {
  const d = outputs.length
  const scratch = new Float64Array(rows)
  return outputs.map((output, j) => {
    // typed arrays and plain loops throughout: this runs once per output over every training row
    const column = new Float64Array(rows)
    let n = 0
    for (let i = 0; i < rows; i++) {
      const v = raw[i * d + j] as number
      if (!Number.isNaN(v)) column[n++] = v
    }
    if (n === 0) return { median: 0, mad: 0, mean: 0, std: 0, min: 0, max: 0, quantiles: [] }
    const sorted = column.subarray(0, n)
    sortFloat64(sorted, scratch)
    const median = quantileSorted(sorted, 0.5)
    const deviations = new Float64Array(n)
    for (let i = 0; i < n; i++) deviations[i] = Math.abs((sorted[i] as number) - median)
    sortFloat64(deviations, scratch)
    let sum = 0
    for (const v of sorted) sum += v
    const mean = sum / n
    let ss = 0
    for (const v of sorted) ss += (v - mean) ** 2
    const stats: OutputStats = {
      median,
      mad: quantileSorted(deviations, 0.5),
      mean,
      std: Math.sqrt(ss / n),
      min: sorted[0] as number,
      max: sorted[n - 1] as number,
      quantiles: Array.from({ length: QUANTILES }, (_, q) => quantileSorted(sorted, q / (QUANTILES - 1))),
    }
    if (!DISCRETE_OPS.has(output.op)) return stats
    const counts = new Map<string, number>()
    for (const v of sorted) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1)
    return { ...stats, frequencies: Object.fromEntries([...counts].map(([k, c]) => [k, c / n])) }
  })
}
