/**
 * Class histograms of a node, on integer counts so sums and subtractions are
 * exact: three int32 per bin, [class-0 draws, class-1 draws, distinct rows].
 * Draws are bootstrap counts; the class weights multiply them only when a
 * split is scored, which keeps purity checks free of rounding.
 */
export const BIN_STRIDE = 3

/** Everything a histogram build reads: column-major bin codes plus per-row label and bootstrap count. */
export interface HistogramInput {
  readonly codes: Uint8Array
  readonly rows: number
  readonly y: Uint8Array
  readonly counts: Int32Array
}

/** Add the rows `sample[start..end)` of feature `f` into `hist` at `offset`. */
export function accumulate(hist: Int32Array, offset: number, input: HistogramInput, f: number, sample: Int32Array, start: number, end: number): void {
  const { codes, y, counts } = input
  const col = f * input.rows
  for (let k = start; k < end; k++) {
    const r = sample[k] as number
    const i = offset + (codes[col + r] as number) * BIN_STRIDE
    hist[i + (y[r] as number)] += counts[r] as number
    hist[i + 2]++
  }
}

/**
 * Like `accumulate` into a zeroed scratch histogram, also listing the bins
 * touched for the first time in `touched`; returns how many. Small nodes then
 * scan only their occupied bins instead of all of them.
 */
export function accumulateTouched(
  hist: Int32Array,
  touched: Int32Array,
  input: HistogramInput,
  f: number,
  sample: Int32Array,
  start: number,
  end: number,
): number {
  const { codes, y, counts } = input
  const col = f * input.rows
  let t = 0
  for (let k = start; k < end; k++) {
    const r = sample[k] as number
    const b = codes[col + r] as number
    const i = b * BIN_STRIDE
    if (hist[i + 2] === 0) touched[t++] = b
    hist[i + (y[r] as number)] += counts[r] as number
    hist[i + 2]++
  }
  return t
}

/** Histograms of every feature for `sample[start..end)`; feature f starts at f x `featureStride`. */
export function buildAll(hist: Int32Array, featureStride: number, input: HistogramInput, cols: number, sample: Int32Array, start: number, end: number): void {
  hist.fill(0)
  for (let f = 0; f < cols; f++) accumulate(hist, f * featureStride, input, f, sample, start, end)
}

/** parent -= child, in place: the larger child's histogram without reading its rows. */
export function subtractInto(parent: Int32Array, child: Int32Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] = (parent[i] as number) - (child[i] as number)
}
