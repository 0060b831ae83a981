import { createMatrix, type Matrix } from '../math/matrix.js'
import type { FeatureSpec } from './feature-spec.js'

export interface Transformed {
  readonly X: Matrix
  /** Missing values replaced, per column name. */
  readonly imputed: Record<string, number>
}

/** Columns (NaN = missing) → model matrix, imputing with the spec's medians. */
export function transformColumns(spec: FeatureSpec, columns: readonly Float64Array[]): Transformed {
  const rows = columns[0]?.length ?? 0
  const cols = spec.columns.length
  const X = createMatrix(rows, cols)
  const imputed: Record<string, number> = {}
  for (let j = 0; j < cols; j++) {
    const column = columns[j] as Float64Array
    const median = spec.medians[j] as number
    let missing = 0
    for (let i = 0; i < rows; i++) {
      let v = column[i] as number
      if (Number.isNaN(v)) {
        v = median
        missing++
      }
      X.data[i * cols + j] = v
    }
    if (missing > 0) imputed[spec.columns[j] as string] = missing
  }
  return { X, imputed }
}
