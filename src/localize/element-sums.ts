import type { Cuboid } from './cuboids.js'
import type { LeafEvidence } from './leaf-evidence.js'

/**
 * Per element of every cuboid, the sums its score needs: Σwxy and Σwx²
 * (the weighted fit of one shift β), Σe and Σy (the raw expected amount and
 * deviation, for the relative change and the small-count correction). Sums are additive, so a
 * leaf can leave every element that holds it in O(cuboids).
 */
export interface ElementSums {
  readonly sxy: Float64Array[]
  readonly sxx: Float64Array[]
  readonly se: Float64Array[]
  readonly sy: Float64Array[]
}

export function sumElements(cuboids: readonly Cuboid[], ev: LeafEvidence): ElementSums {
  const make = (): Float64Array[] => cuboids.map((c) => new Float64Array(c.size))
  const sums: ElementSums = { sxy: make(), sxx: make(), se: make(), sy: make() }
  cuboids.forEach((c, k) => {
    const sxy = sums.sxy[k] as Float64Array
    const sxx = sums.sxx[k] as Float64Array
    const se = sums.se[k] as Float64Array
    const sy = sums.sy[k] as Float64Array
    for (let i = 0; i < c.elementOf.length; i++) {
      const e = c.elementOf[i] as number
      const xi = ev.x[i] as number
      const yi = ev.y[i] as number
      const wx = (ev.w[i] as number) * xi
      sxy[e] = (sxy[e] as number) + wx * yi
      sxx[e] = (sxx[e] as number) + wx * xi
      se[e] = (se[e] as number) + (ev.e[i] as number)
      sy[e] = (sy[e] as number) + yi
    }
  })
  return sums
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
    sub(s.se[k] as Float64Array, e, ev.e[i] as number)
    sub(s.sy[k] as Float64Array, e, yi)
  })
}

function sub(a: Float64Array, e: number, v: number): void {
  a[e] = (a[e] as number) - v
}

/**
 * The evidence that element `e` of cuboid `k` moved as one: the weighted
 * chi-square of one shift, (Σwxy)²/Σwx² (1 degree of freedom), scaled down
 * by the ratio of the Poisson likelihood-ratio statistic to Pearson's on the
 * element's raw totals when that ratio is below 1: with a handful of
 * expected events Pearson's statistic overstates a rise (7 errors where 2.3
 * were expected: 9.7 against a likelihood ratio of 6.2). Returns 0 for an
 * element with nothing left.
 */
export function elementScore(s: ElementSums, k: number, e: number): number {
  const b = (s.sxx[k] as Float64Array)[e] as number
  if (!(b > 0)) return 0
  const a = (s.sxy[k] as Float64Array)[e] as number
  const score = (a * a) / b
  const expected = (s.se[k] as Float64Array)[e] as number
  const y = (s.sy[k] as Float64Array)[e] as number
  if (!(expected > 0) || y === 0) return score
  const observed = Math.max(expected + y, 0)
  const lr = 2 * ((observed > 0 ? observed * Math.log(observed / expected) : 0) - y)
  const pearson = (y * y) / expected
  return lr < pearson ? (score * lr) / pearson : score
}

/** The relative change of element `e` of cuboid `k`: Σy / Σe (0 when nothing was expected). */
export function elementChange(s: ElementSums, k: number, e: number): number {
  const expected = (s.se[k] as Float64Array)[e] as number
  return expected > 0 ? ((s.sy[k] as Float64Array)[e] as number) / expected : 0
}
