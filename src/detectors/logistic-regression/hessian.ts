import { addColumnSums, type Problem } from './objective.js'

/** Rows per block: the block's s·x rows stay in L1 cache while the tiles sweep over them. */
const BLOCK = 64

/**
 * The Hessian X̃ᵀ S X̃ + diag(λ, …, λ, 0) (X̃ = [X, 1], S = the curvature of
 * the last `evaluate`) into `hessian` ((d+1)² values, row-major, both
 * triangles). Accumulated a block of rows at a time: the block's s·x rows go
 * to a small buffer, then the upper triangle of Σ (s·x)ᵀ x is summed in 2x2
 * tiles (four register accumulators, four loads per four products) straight
 * from X; the intercept row is the column sums of s·x and Σ s.
 */
export function accumulateHessian(problem: Problem, curvature: Float64Array, hessian: Float64Array): void {
  const { X, lambda } = problem
  const data = X.data
  const d = X.cols
  const D = d + 1
  const m = X.rows
  const sx = new Float64Array(BLOCK * d)
  const ones = new Float64Array(BLOCK).fill(1)
  const acc = new Float64Array(D * D)
  const edge = new Float64Array(D) // Σ s·x_j (j < d) and Σ s, the intercept's row
  let sumS = 0
  for (let start = 0; start < m; start += BLOCK) {
    const count = Math.min(BLOCK, m - start)
    const first = start * d
    for (let t = 0, o = first; t < count; t++) {
      const s = curvature[start + t] as number
      sumS += s
      for (let j = 0; j < d; j++, o++) sx[t * d + j] = s * (data[o] as number)
    }
    addColumnSums(sx, d, 0, count, ones, edge)
    let j = 0
    for (; j + 1 < d; j += 2) {
      let k = j
      for (; k + 1 < d; k += 2) {
        let a00 = 0
        let a01 = 0
        let a10 = 0
        let a11 = 0
        for (let t = 0, q = 0, o = first; t < count; t++, q += d, o += d) {
          const u0 = sx[q + j] as number
          const u1 = sx[q + j + 1] as number
          const v0 = data[o + k] as number
          const v1 = data[o + k + 1] as number
          a00 += u0 * v0
          a01 += u0 * v1
          a10 += u1 * v0
          a11 += u1 * v1
        }
        const h = j * D + k
        acc[h] = (acc[h] as number) + a00
        acc[h + 1] = (acc[h + 1] as number) + a01
        acc[h + D] = (acc[h + D] as number) + a10
        acc[h + D + 1] = (acc[h + D + 1] as number) + a11
      }
      if (k < d) {
        // odd d: the last column against this pair of rows
        let a0 = 0
        let a1 = 0
        for (let t = 0, q = 0, o = first + k; t < count; t++, q += d, o += d) {
          const v = data[o] as number
          a0 += (sx[q + j] as number) * v
          a1 += (sx[q + j + 1] as number) * v
        }
        acc[j * D + k] = (acc[j * D + k] as number) + a0
        acc[(j + 1) * D + k] = (acc[(j + 1) * D + k] as number) + a1
      }
    }
    if (j < d) {
      let a = 0
      for (let t = 0, q = j, o = first + j; t < count; t++, q += d, o += d) a += (sx[q] as number) * (data[o] as number)
      acc[j * D + j] = (acc[j * D + j] as number) + a
    }
  }
  for (let j = 0; j < d; j++) {
    acc[j * D + d] = edge[j] as number
    for (let k = j; k < D; k++) {
      const v = acc[j * D + k] as number
      hessian[j * D + k] = v
      hessian[k * D + j] = v
    }
    hessian[j * D + j] = (hessian[j * D + j] as number) + lambda
  }
  hessian[d * D + d] = sumS
}
