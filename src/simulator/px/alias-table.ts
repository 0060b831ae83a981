/**
 * Walker's alias method: a categorical draw in O(1) from one uniform number,
 * with no allocation, for the simulator's hot loop (seven draws per event).
 */
export interface AliasTable {
  readonly size: number
  /** Probability of keeping column i (else take alias[i]). */
  readonly keep: Float64Array
  readonly alias: Int32Array
}

/** Build a table from non-negative weights (not all zero). */
export function aliasTable(weights: readonly number[]): AliasTable {
  const n = weights.length
  let total = 0
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`aliasTable: weights must be finite and >= 0; got ${w}`)
    total += w
  }
  if (!(total > 0)) throw new RangeError('aliasTable: the weights sum to 0')
  const keep = new Float64Array(n)
  const alias = new Int32Array(n)
  const scaled = weights.map((w) => (w * n) / total)
  const small: number[] = []
  const large: number[] = []
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i))
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number
    const l = large[large.length - 1] as number
    keep[s] = scaled[s] as number
    alias[s] = l
    scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1
    if ((scaled[l] as number) < 1) {
      large.pop()
      small.push(l)
    }
  }
  // what remains is 1 up to rounding
  for (const i of [...small, ...large]) {
    keep[i] = 1
    alias[i] = i
  }
  return { size: n, keep, alias }
}

/** Draw an index with `u` uniform in [0, 1). */
export function aliasDraw(table: AliasTable, u: number): number {
  const x = u * table.size
  const i = x | 0
  return x - i < table.keep[i]! ? i : table.alias[i]!
}
