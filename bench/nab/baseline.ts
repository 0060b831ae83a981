/**
 * The no-model baseline, close to NAB's "windowed Gaussian": how many standard
 * deviations a value lies from the mean of the `window` values before it.
 */
import { DEFAULT_WINDOWS } from '../../src/features/feature-config.js'

/** Largest score, for a value off a perfectly flat window (as Vigil's z-score feature caps it). */
const Z_LIMIT = 1000

/** Default window: the largest of Vigil's default rolling windows, so baseline and auto see the same context. */
export const BASELINE_WINDOW = Math.max(...DEFAULT_WINDOWS)

/** |x_t - mean(x_{t-w..t-1})| / std(x_{t-w..t-1}) (population std); 0 until two earlier values exist. */
export function rollingZScores(values: Float64Array, window = BASELINE_WINDOW): Float64Array {
  const out = new Float64Array(values.length)
  for (let t = 0; t < values.length; t++) {
    const n = Math.min(window, t)
    if (n < 2) continue
    let sum = 0
    let sumSq = 0
    for (let k = t - n; k < t; k++) {
      const v = values[k] as number
      sum += v
      sumSq += v * v
    }
    const mean = sum / n
    const std = Math.sqrt(Math.max(0, sumSq / n - mean * mean))
    const dev = Math.abs((values[t] as number) - mean)
    out[t] = dev === 0 ? 0 : Math.min(Z_LIMIT, dev / Math.max(std, 1e-9 * Math.max(1, Math.abs(mean))))
  }
  return out
}
