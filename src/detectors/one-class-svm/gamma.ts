import type { Matrix } from '../../math/matrix.js'
import type { Kernel, KernelType } from './kernel.js'
import type { OneClassSvmParams } from './params.js'

/**
 * Resolve scikit-learn's gamma: 'scale' = 1 / (d · Var(X)) with the
 * variance over every value of X (1 when X is constant), 'auto' = 1 / d.
 * The sums follow numpy's order (pairwise within buffers of 8192 values),
 * so the value is scikit-learn's to the last bit.
 */
export function resolveGamma(gamma: OneClassSvmParams['gamma'], X: Matrix): number {
  if (typeof gamma === 'number') return gamma
  if (gamma === 'auto') return 1 / X.cols
  const values = X.data.subarray(0, X.rows * X.cols)
  const n = values.length
  const mean = numpySum(values) / n
  const squares = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const dv = (values[i] as number) - mean
    squares[i] = dv * dv
  }
  const variance = numpySum(squares) / n
  return variance === 0 ? 1 : 1 / (X.cols * variance)
}

export function resolveKernel(params: OneClassSvmParams, X: Matrix): Kernel {
  const type: KernelType = params.kernel
  return { type, gamma: resolveGamma(params.gamma, X), coef0: params.coef0, degree: params.degree }
}

const BLOCK = 128
/** numpy's ufunc buffer size: a reduction sums each buffer pairwise, then adds buffers in turn. */
const BUFFER = 8192

function numpySum(a: Float64Array): number {
  let total = 0
  for (let start = 0; start < a.length; start += BUFFER) total += pairwiseSum(a, start, Math.min(BUFFER, a.length - start))
  return total
}

/** numpy's pairwise summation (8 interleaved partial sums per block of ≤ 128, halves above). */
function pairwiseSum(a: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let res = 0
    for (let i = 0; i < n; i++) res += a[start + i] as number
    return res
  }
  if (n <= BLOCK) {
    let r0 = a[start] as number
    let r1 = a[start + 1] as number
    let r2 = a[start + 2] as number
    let r3 = a[start + 3] as number
    let r4 = a[start + 4] as number
    let r5 = a[start + 5] as number
    let r6 = a[start + 6] as number
    let r7 = a[start + 7] as number
    let i = 8
    for (; i < n - (n % 8); i += 8) {
      const b = start + i
      r0 += a[b] as number
      r1 += a[b + 1] as number
      r2 += a[b + 2] as number
      r3 += a[b + 3] as number
      r4 += a[b + 4] as number
      r5 += a[b + 5] as number
      r6 += a[b + 6] as number
      r7 += a[b + 7] as number
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7))
    for (; i < n; i++) res += a[start + i] as number
    return res
  }
  let half = Math.floor(n / 2)
  half -= half % 8
  return pairwiseSum(a, start, half) + pairwiseSum(a, start + half, n - half)
}
