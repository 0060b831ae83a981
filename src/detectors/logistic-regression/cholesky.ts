/**
 * Cholesky factorisation A = L Lᵀ of a symmetric positive (semi-)definite
 * n x n matrix (row-major) and the two triangular solves. If A is not
 * numerically positive definite (e.g. every row saturated on separable data,
 * so the intercept has no curvature left), a small ridge μI is added and grown
 * until the factorisation succeeds.
 */

/** Write L (lower triangle, row-major) into `L`; A is not modified. Returns the ridge that was needed (usually 0). */
export function choleskyFactor(A: Float64Array, n: number, L: Float64Array): number {
  let maxDiag = 0
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(A[i * n + i] as number))
  const scale = maxDiag > 0 ? maxDiag : 1
  let ridge = 0
  for (let attempt = 0; attempt < 30; attempt++) {
    if (factor(A, n, ridge, L)) return ridge
    ridge = ridge === 0 ? scale * 1e-12 : ridge * 100
  }
  throw new RangeError('matrix is not positive definite, even with a ridge')
}

/** x = (L Lᵀ)⁻¹ b, written into `x` (may be b itself). */
export function choleskySolve(L: Float64Array, n: number, b: Float64Array, x: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let sum = b[i] as number
    for (let k = 0; k < i; k++) sum -= (L[i * n + k] as number) * (x[k] as number)
    x[i] = sum / (L[i * n + i] as number)
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i] as number
    for (let k = i + 1; k < n; k++) sum -= (L[k * n + i] as number) * (x[k] as number)
    x[i] = sum / (L[i * n + i] as number)
  }
  return x
}

function factor(A: Float64Array, n: number, ridge: number, L: Float64Array): boolean {
  for (let i = 0; i < n; i++) {
    const ri = i * n
    for (let j = 0; j <= i; j++) {
      const rj = j * n
      let sum = (A[ri + j] as number) + (i === j ? ridge : 0)
      for (let k = 0; k < j; k++) sum -= (L[ri + k] as number) * (L[rj + k] as number)
      if (i === j) {
        // relative pivot test: a pivot lost to rounding is as bad as a negative one
        if (!(sum > 1e-14 * ((A[ri + i] as number) + ridge))) return false
        L[ri + i] = Math.sqrt(sum)
      } else {
        L[ri + j] = sum / (L[rj + j] as number)
      }
    }
  }
  return true
}
