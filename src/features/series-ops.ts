import type { FeatureOutput } from './pipeline-spec.js'

type SeriesOutput = Extract<FeatureOutput, { op: 'lag' | 'rolling_mean' | 'rolling_std' | 'rolling_z' | 'diff' }>

/** Largest |z| reported: a spike after a perfectly flat window stays finite. */
const Z_LIMIT = 1000

/**
 * Fill one series feature for the rows of one group, walking them in order.
 * Windows cover the rows *before* the current one, so a spike is compared with
 * what came before it rather than diluting its own baseline. Missing values
 * are skipped inside windows; a lag of a missing value is missing.
 */
export function fillSeriesOutput(output: SeriesOutput, values: Float64Array, group: Int32Array, out: Float64Array, stride: number, col: number): void {
  for (let g = 0; g < group.length; g++) {
    const row = group[g] as number
    const x = values[row] as number
    let v: number
    if (output.op === 'lag') {
      v = g - output.k >= 0 ? (values[group[g - output.k] as number] as number) : NaN
    } else if (output.op === 'diff') {
      v = g >= 1 ? x - (values[group[g - 1] as number] as number) : NaN
    } else {
      let n = 0
      let sum = 0
      let sumSq = 0
      for (let back = 1; back <= output.window && g - back >= 0; back++) {
        const p = values[group[g - back] as number] as number
        if (Number.isNaN(p)) continue
        n++
        sum += p
        sumSq += p * p
      }
      const mean = n > 0 ? sum / n : NaN
      const std = n > 1 ? Math.sqrt(Math.max(0, sumSq / n - mean * mean)) : NaN
      if (output.op === 'rolling_mean') v = mean
      else if (output.op === 'rolling_std') v = std
      else v = zScore(x, mean, std)
    }
    out[row * stride + col] = v
  }
}

function zScore(x: number, mean: number, std: number): number {
  if (Number.isNaN(x) || Number.isNaN(mean) || Number.isNaN(std)) return NaN
  const floor = 1e-9 * Math.max(1, Math.abs(mean))
  const z = (x - mean) / Math.max(std, floor)
  return Math.max(-Z_LIMIT, Math.min(Z_LIMIT, z))
}
