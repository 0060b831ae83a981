/**
 * out[j] = a·b_j for the rows j in [start, end) of a row-major matrix b
 * with d columns, where a is d values of `a` from `aBase`.
 *
 * This is the inner product under every kernel value, so it is written for
 * V8: a plain loop over d features costs ~1.4 ns per feature (bounds checks
 * and loop overhead on every term, a's values reloaded for every row).
 * Instead the features go in chunks of 8/4/2/1 whose a-values sit in
 * locals, each chunk adding its terms to out[j] for a tile of rows small
 * enough to stay in L1/L2 between chunks: about twice as fast for d ≤ 21.
 * Terms are still added one by one in feature order, so every dot product
 * is bit-identical to the plain loop (and to libsvm's).
 */
export function dotRows(a: Float64Array, aBase: number, b: Float64Array, d: number, start: number, end: number, out: Float64Array): void {
  const tile = Math.max(MIN_TILE, Math.floor(TILE_VALUES / d))
  for (let t0 = start; t0 < end; t0 += tile) {
    const t1 = Math.min(end, t0 + tile)
    out.fill(0, t0, t1)
    let c = 0
    for (; c + 8 <= d; c += 8) add8(a, aBase + c, b, d, c, t0, t1, out)
    if (c + 4 <= d) {
      add4(a, aBase + c, b, d, c, t0, t1, out)
      c += 4
    }
    if (c + 2 <= d) {
      add2(a, aBase + c, b, d, c, t0, t1, out)
      c += 2
    }
    if (c < d) add1(a, aBase + c, b, d, c, t0, t1, out)
  }
}

/** Rows per tile: a tile of b holds about this many values (16 KB). */
const TILE_VALUES = 2048
const MIN_TILE = 32

function add8(a: Float64Array, ai: number, b: Float64Array, d: number, c: number, start: number, end: number, out: Float64Array): void {
  const a0 = a[ai] as number
  const a1 = a[ai + 1] as number
  const a2 = a[ai + 2] as number
  const a3 = a[ai + 3] as number
  const a4 = a[ai + 4] as number
  const a5 = a[ai + 5] as number
  const a6 = a[ai + 6] as number
  const a7 = a[ai + 7] as number
  for (let j = start, p = start * d + c; j < end; j++, p += d) {
    out[j] =
      (out[j] as number) +
      a0 * (b[p] as number) +
      a1 * (b[p + 1] as number) +
      a2 * (b[p + 2] as number) +
      a3 * (b[p + 3] as number) +
      a4 * (b[p + 4] as number) +
      a5 * (b[p + 5] as number) +
      a6 * (b[p + 6] as number) +
      a7 * (b[p + 7] as number)
  }
}

function add4(a: Float64Array, ai: number, b: Float64Array, d: number, c: number, start: number, end: number, out: Float64Array): void {
  const a0 = a[ai] as number
  const a1 = a[ai + 1] as number
  const a2 = a[ai + 2] as number
  const a3 = a[ai + 3] as number
  for (let j = start, p = start * d + c; j < end; j++, p += d) {
    out[j] = (out[j] as number) + a0 * (b[p] as number) + a1 * (b[p + 1] as number) + a2 * (b[p + 2] as number) + a3 * (b[p + 3] as number)
  }
}

function add2(a: Float64Array, ai: number, b: Float64Array, d: number, c: number, start: number, end: number, out: Float64Array): void {
  const a0 = a[ai] as number
  const a1 = a[ai + 1] as number
  for (let j = start, p = start * d + c; j < end; j++, p += d) out[j] = (out[j] as number) + a0 * (b[p] as number) + a1 * (b[p + 1] as number)
}

function add1(a: Float64Array, ai: number, b: Float64Array, d: number, c: number, start: number, end: number, out: Float64Array): void {
  const a0 = a[ai] as number
  for (let j = start, p = start * d + c; j < end; j++, p += d) out[j] = (out[j] as number) + a0 * (b[p] as number)
}
