import type { Cuboid } from './cuboids.js'
import { elementScore, type ElementSums } from './element-sums.js'

/** The rest of a parent is quiet when it moved less than this share of its movers' shift. */
const QUIET_SHARE = 0.25

/** An element of one cuboid, with its score. */
export interface ElementPick {
  readonly cuboid: number
  readonly id: number
  readonly score: number
}

export interface SplitContext {
  readonly cuboids: readonly Cuboid[]
  /** Cuboid index by its dimension indexes joined with ','. */
  readonly cuboidByDims: ReadonlyMap<string, number>
  readonly sums: ElementSums
  readonly threshold: number
}

/**
 * What `pick` covers, explained most succinctly: itself, or those of its
 * children (along one more dimension) that moved, recursively.
 *
 * Two root causes that share a parent (CA × mc and CA × visa inside CA) can
 * make the parent the best single element, its shift diluted by its quiet
 * children. The test is the ripple effect's: a root cause moves all of its
 * leaves. Along each further dimension, the children that moved
 * significantly in the pick's direction are set apart; if the rest of the
 * pick significantly did not share their shift (chi-square of the rest
 * against the movers' shift ≥ threshold), shows no significant move of its
 * own and moved less than a quarter as much, the movers replace the pick. A true root cause with a noisy spread
 * between its children keeps its rest moving with the movers, and stays
 * whole. Of several such dimensions, the one whose rest is most clearly
 * quiet wins.
 */
export function splitElement(pick: ElementPick, ctx: SplitContext): ElementPick[] {
  const cuboid = ctx.cuboids[pick.cuboid] as Cuboid
  const leaves: number[] = []
  for (let i = 0; i < cuboid.elementOf.length; i++) if (cuboid.elementOf[i] === pick.id) leaves.push(i)
  const { sxy, sxx } = ctx.sums
  const direction = Math.sign((sxy[pick.cuboid] as Float64Array)[pick.id] as number)
  let best: { quiet: number; movers: ElementPick[] } | undefined
  const dimensionCount = Math.max(...ctx.cuboids.map((c) => Math.max(...c.dims))) + 1
  for (let d = 0; d < dimensionCount; d++) {
    if (cuboid.dims.includes(d)) continue
    const k = ctx.cuboidByDims.get([...cuboid.dims, d].sort((a, b) => a - b).join(','))
    if (k === undefined) continue
    const finer = ctx.cuboids[k] as Cuboid
    const ids = new Set<number>()
    for (const i of leaves) ids.add(finer.elementOf[i] as number)
    const movers: ElementPick[] = []
    let moverXY = 0
    let moverXX = 0
    let restXY = 0
    let restXX = 0
    for (const id of ids) {
      const a = (sxy[k] as Float64Array)[id] as number
      const b = (sxx[k] as Float64Array)[id] as number
      const score = elementScore(ctx.sums, k, id)
      if (score >= ctx.threshold && Math.sign(a) === direction) {
        movers.push({ cuboid: k, id, score })
        moverXY += a
        moverXX += b
      } else {
        restXY += a
        restXX += b
      }
    }
    if (movers.length === 0 || !(restXX > 0) || !(moverXX > 0)) continue
    const moverShift = moverXY / moverXX
    const restShift = restXY / restXX
    // the rest differs from the movers, and shows no move of its own (movers picked for their score overstate the spread of a weak root cause)
    const quiet = (restXY - moverShift * restXX) ** 2 / restXX
    const restMoved = (restXY * restXY) / restXX >= ctx.threshold
    if (quiet >= ctx.threshold && !restMoved && Math.abs(restShift) < QUIET_SHARE * Math.abs(moverShift) && (best === undefined || quiet > best.quiet)) {
      best = { quiet, movers: movers.sort((p, q) => q.score - p.score) }
    }
  }
  if (best === undefined) return [pick]
  return best.movers.flatMap((p) => splitElement(p, ctx))
}
