import { BIN_STRIDE } from './histogram.js'

/**
 * `buildHistogram` without the counts, for the root: its rows are every
 * training row, whose per-bin counts never change during a fit (`countRows`),
 * so the root, two thirds of all histogram work, skips a third of its
 * updates.
 */
export function buildGradientHistogram(
  hist: Float64Array,
  codes: Uint16Array,
  cols: number,
  idx: Int32Array,
  start: number,
  end: number,
  grad: Float32Array,
  hess: Float32Array,
): void {
  let k = start
  for (; k + 3 < end; k += 4) {
    const r0 = idx[k] as number
    const r1 = idx[k + 1] as number
    const r2 = idx[k + 2] as number
    const r3 = idx[k + 3] as number
    const g0 = grad[r0] as number
    const g1 = grad[r1] as number
    const g2 = grad[r2] as number
    const g3 = grad[r3] as number
    const h0 = hess[r0] as number
    const h1 = hess[r1] as number
    const h2 = hess[r2] as number
    const h3 = hess[r3] as number
    const b0 = r0 * cols
    const b1 = r1 * cols
    const b2 = r2 * cols
    const b3 = r3 * cols
    for (let f = 0; f < cols; f++) {
      const o0 = (codes[b0 + f] as number) * BIN_STRIDE
      hist[o0] = (hist[o0] as number) + g0
      hist[o0 + 1] = (hist[o0 + 1] as number) + h0
      const o1 = (codes[b1 + f] as number) * BIN_STRIDE
      hist[o1] = (hist[o1] as number) + g1
      hist[o1 + 1] = (hist[o1 + 1] as number) + h1
      const o2 = (codes[b2 + f] as number) * BIN_STRIDE
      hist[o2] = (hist[o2] as number) + g2
      hist[o2 + 1] = (hist[o2 + 1] as number) + h2
      const o3 = (codes[b3 + f] as number) * BIN_STRIDE
      hist[o3] = (hist[o3] as number) + g3
      hist[o3 + 1] = (hist[o3 + 1] as number) + h3
    }
  }
  for (; k < end; k++) {
    const r = idx[k] as number
    const b = r * cols
    const g = grad[r] as number
    const h = hess[r] as number
    for (let f = 0; f < cols; f++) {
      const o = (codes[b + f] as number) * BIN_STRIDE
      hist[o] = (hist[o] as number) + g
      hist[o + 1] = (hist[o + 1] as number) + h
    }
  }
}
