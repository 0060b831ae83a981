import { createMatrix, type Matrix } from '../math/matrix.js'

export interface Finish {
  readonly fill: readonly number[]
  readonly scale: { readonly mean: readonly number[]; readonly std: readonly number[] } | null
}

/** Raw outputs (NaN = missing) → model matrix: training medians for missing values, then standardisation if fitted. */
export function finishMatrix(raw: Float64Array, rows: number, finish: Finish): Matrix {
  const cols = finish.fill.length
  const X = createMatrix(rows, cols, raw)
  for (let i = 0; i < rows; i++) {
    const base = i * cols
    for (let j = 0; j < cols; j++) {
      let v = raw[base + j] as number
      if (Number.isNaN(v)) v = finish.fill[j] as number
      if (finish.scale) v = (v - (finish.scale.mean[j] as number)) / (finish.scale.std[j] as number)
      raw[base + j] = v
    }
  }
  return X
}
