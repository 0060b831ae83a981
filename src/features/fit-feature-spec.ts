import { nanMedian } from '../math/stats.js'
import type { FeatureSpec } from './feature-spec.js'

/** Fit the spec on training columns: remember the order and each column's median. */
export function fitFeatureSpec(names: readonly string[], columns: readonly Float64Array[]): FeatureSpec {
  return {
    kind: 'numeric',
    version: 1,
    columns: [...names],
    // a column with no values at all falls back to 0 so rows stay finite
    medians: columns.map((c) => {
      const m = nanMedian(c)
      return Number.isNaN(m) ? 0 : m
    }),
  }
}
