import type { Matrix } from '../../math/matrix.js'

/**
 * out[t] = w·x_r + b for rows r = first … first + count - 1 of X, where w is
 * θ[0…d-1] and b = θ[d]. Four rows at a time: four independent sums per
 * coefficient load, instead of one sum whose every addition waits on the last.
 */
export function margins(X: Matrix, theta: Float64Array, first: number, count: number, out: Float64Array): void {
  const data = X.data
  const d = X.cols
  const b = theta[d] as number
  let t = 0
  for (; t + 3 < count; t += 4) {
    const o0 = (first + t) * d
    const o1 = o0 + d
    const o2 = o1 + d
    const o3 = o2 + d
    let z0 = b
    let z1 = b
    let z2 = b
    let z3 = b
    for (let j = 0; j < d; j++) {
      const w = theta[j] as number
      z0 += (data[o0 + j] as number) * w
      z1 += (data[o1 + j] as number) * w
      z2 += (data[o2 + j] as number) * w
      z3 += (data[o3 + j] as number) * w
    }
    out[t] = z0
    out[t + 1] = z1
    out[t + 2] = z2
    out[t + 3] = z3
  }
  for (; t < count; t++) {
    const o = (first + t) * d
    let z = b
    for (let j = 0; j < d; j++) z += (data[o + j] as number) * (theta[j] as number)
    out[t] = z
  }
}
