import type { Matrix } from '../../math/matrix.js'
import { dotRows } from './dot-rows.js'
import { fastExp } from './fast-exp.js'
import { kernelFromDot, rowSquaredNorms } from './kernel.js'
import type { OneClassSvmModel } from './model.js'

/** Support vectors per pass: a tile of 1024 x d values stays in L2 while every row is scored against it. */
const SV_TILE = 1024

/**
 * Anomaly scores ρ - Σ_i α_i K(s_i, x) (= -decision_function) for every
 * row. The support vectors are taken a tile at a time and every row is
 * scored against the tile before the next one, so the model streams from
 * memory once per call instead of once per row; rbf distances use
 * |x|² + |s|² - 2x·s with the dot products of `dotRows`.
 */
export function scoreRows(model: OneClassSvmModel, svNorms: Float64Array, X: Matrix): Float64Array {
  const { supportVectors: S, dualCoef, kernel } = model
  if (X.cols !== S.cols) throw new RangeError(`rows have ${X.cols} features, the model was trained on ${S.cols}`)
  const d = X.cols
  const n = X.rows
  const xNorms = rowSquaredNorms(X.data, n, d)
  const sums = new Float64Array(n)
  const dots = new Float64Array(Math.min(SV_TILE, S.rows))
  const g = kernel.gamma
  for (let t0 = 0; t0 < S.rows; t0 += SV_TILE) {
    const t1 = Math.min(S.rows, t0 + SV_TILE)
    const tile = S.data.subarray(t0 * d, t1 * d)
    for (let r = 0; r < n; r++) {
      dotRows(X.data, r * d, tile, d, 0, t1 - t0, dots)
      const xr = xNorms[r] as number
      let sum = 0
      if (kernel.type === 'rbf') {
        for (let t = t0; t < t1; t++) {
          // |x - s|² can come out a hair below 0 through cancellation
          const dist = Math.max(0, xr + (svNorms[t] as number) - 2 * (dots[t - t0] as number))
          sum += (dualCoef[t] as number) * fastExp(-g * dist)
        }
      } else {
        for (let t = t0; t < t1; t++) sum += (dualCoef[t] as number) * kernelFromDot(kernel, dots[t - t0] as number, xr, svNorms[t] as number)
      }
      sums[r] = (sums[r] as number) + sum
    }
  }
  const out = new Float64Array(n)
  for (let r = 0; r < n; r++) out[r] = model.rho - (sums[r] as number)
  return out
}
