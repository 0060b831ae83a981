import type { Cuboid } from './cuboids.js'
import type { LeafEvidence } from './leaf-evidence.js'

/**
 * Per element of every cuboid, the sums its score needs: Σwxy and Σwx²
 * (the weighted fit of one factor), Σx and Σy (the raw expected amount and
 * deviation, for the small-count correction). Sums are additive, so a
 * leaf can leave every element that holds it in O(cuboids).
 */
export interface ElementSums {
  readonly sxy: Float64Array[]
  readonly sxx: Float64Array[]
  readonly sx: Float64Array[]
  readonly sy: Float64Array[]
}

export function sumElements(cuboids: readonly Cuboid[], ev: LeafEvidence): ElementSums {
  const make = (): Float64Array[] => cuboids.map((c) => new Float64Array(c.size))
  const sums: ElementSums = { sxy: make(), sxx: make(), sx: make(), sy: make() }
  cuboids.forEach((c, k) => {
    const sxy = sums.sxy[k] as Float64Array
    const sxx = sums.sxx[k] as Float64Array
    const sx = sums.sx[k] as Float64Array
    const sy = sums.sy[k] as Float64Array
    for (let i = 0; i < c.elementOf.length; i++) {
      const e = c.elementOf[i] as number
      const xi = ev.x[i] as number
      const yi = ev.y[i] as number
      const wx = (ev.w[i] as number) * xi
      sxy[e] = (sxy[e] as number) + wx * yi
      sxx[e] = (sxx[e] as number) + wx * xi
      sx[e] = (sx[e] as number) + xi
      sy[e] = (sy[e] as number) + yi
    }
  })
  return sums
}

export function copySums(s: ElementSums): ElementSums {
  const copy = (a: Float64Array[]): Float64Array[] => a.map((v) => Float64Array.from(v))
  return { sxy: copy(s.sxy), sxx: copy(s.sxx), sx: copy(s.sx), sy: copy(s.sy) }
}

/** Leaf `i` is explained: take it out of every element that holds it. */
export function removeLeaf(s: ElementSums, cuboids: readonly Cuboid[], i: number, ev: LeafEvidence): void {
  const xi = ev.x[i] as number
  const yi = ev.y[i] as number
  const wx = (ev.w[i] as number) * xi
  cuboids.forEach((c, k) => {
    const e = c.elementOf[i] as number
    sub(s.sxy[k] as Float64Array, e, wx * yi)
    sub(s.sxx[k] as Float64Array, e, wx * xi)
    sub(s.sx[k] as Float64Array, e, xi)
    sub(s.sy[k] as Float64Array, e, yi)
  })
}

function sub(a: Float64Array, e: number, v: number): void {
  a[e] = (a[e] as number) - v
}

/**
 * The evidence that element `e` of cuboid `k` changed by one factor: the
 * weighted chi-square (Σwxy)²/Σwx², scaled down by the ratio of the Poisson
 * likelihood-ratio statistic to Pearson's on its raw totals when that ratio
 * is below 1: with a handful of expected events, Pearson's statistic
 * overstates a rise (4 errors where 0.5 were expected gives 24.5, the
 * likelihood ratio 9.7). Returns 0 for an element with nothing left.
 */
export function elementScore(s: ElementSums, k: number, e: number): number {
  const b = (s.sxx[k] as Float64Array)[e] as number
  if (!(b > 0)) return 0
  const a = (s.sxy[k] as Float64Array)[e] as number
  const pearson = (a * a) / b
  const x = (s.sx[k] as Float64Array)[e] as number
  const y = (s.sy[k] as Float64Array)[e] as number
  if (!(x > 0) || y === 0) return pearson
  const observed = Math.max(x + y, 0)
  const lr = 2 * ((observed > 0 ? observed * Math.log(observed / x) : 0) - y)
  const raw = (y * y) / x
  return lr < raw ? (pearson * lr) / raw : pearson
}

/** The fitted relative change of element `e` of cuboid `k`: Σwxy / Σwx². */
export function elementChange(s: ElementSums, k: number, e: number): number {
  const b = (s.sxx[k] as Float64Array)[e] as number
  return b > 0 ? ((s.sxy[k] as Float64Array)[e] as number) / b : 0
}
