import { InvalidInputError } from '../../errors.js'
import { DIM, PX_DIMENSIONS, type PxDimensions } from './dimensions.js'
import type { TrafficModel } from './traffic-model.js'

/**
 * A partial combination as value indices, one slot per dimension in
 * {@link PX_DIMENSIONS} order, -1 where the dimension is free.
 */
export type Combination = Int32Array

/**
 * Turn `{ country: 'CA', pi_type: 'mc' }` into a {@link Combination};
 * an unknown dimension or value is an InvalidInputError naming it and the
 * values allowed.
 */
export function toCombination(model: TrafficModel, dimensions: PxDimensions, field = 'dimensions'): Combination {
  const combo = new Int32Array(PX_DIMENSIONS.length).fill(-1)
  for (const [name, value] of Object.entries(dimensions)) {
    const d = (PX_DIMENSIONS as readonly string[]).indexOf(name)
    if (d < 0) throw new InvalidInputError(`${field}.${name} is not a PX dimension; use ${PX_DIMENSIONS.join(', ')}`, { field: `${field}.${name}`, value: name, limit: PX_DIMENSIONS })
    const values = model.values[d]!
    const v = values.indexOf(String(value))
    if (v < 0) {
      const shown = values.length > 12 ? `${values.slice(0, 12).join(', ')}, … (${values.length} in all)` : values.join(', ')
      throw new InvalidInputError(`${field}.${name} '${String(value)}' is not a simulated value; use one of ${shown}`, { field: `${field}.${name}`, value, limit: values })
    }
    combo[d] = v
  }
  return combo
}

/** A {@link Combination} back to its named form. */
export function fromCombination(model: TrafficModel, combo: Combination): PxDimensions {
  const out: PxDimensions = {}
  PX_DIMENSIONS.forEach((name, d) => {
    if (combo[d]! >= 0) out[name] = model.values[d]![combo[d]!]!
  })
  return out
}

/** Baseline facts about a combination, exact under the model (no sampling). */
export interface CombinationStats {
  /** Share of all requests that fall in the combination. */
  readonly share: number
  /** Baseline share of its requests answered 4xx and 5xx. */
  readonly userErrorRate: number
  readonly systemErrorRate: number
  /** Geometric mean of the per-leaf median latencies (ms): its typical latency. */
  readonly typicalLatencyMs: number
}

/**
 * Sum the model over every leaf in the combination. Partner and flight are
 * independent factors; country, operation, PI type and region are summed
 * (at most 30 × 6 × 12 × 6 leaves), the instance is 1/n of its region.
 */
export function combinationStats(model: TrafficModel, combo: Combination): CombinationStats {
  const { p } = model
  let factor = 1
  if (combo[DIM.partner]! >= 0) factor *= p.partner[combo[DIM.partner]!]!
  if (combo[DIM.flight]! >= 0) factor *= p.flight[combo[DIM.flight]!]!
  let share = 0
  let user = 0
  let system = 0
  let logLatency = 0
  forEachLeaf(model, combo, (_c, o, pi, r, w) => {
    share += w
    user += w * model.userErrorRate[o]!
    system += w * model.systemErrorRate[o]!
    logLatency += w * Math.log(model.medianMs[o]! * model.regionLatency[r]! * model.piLatency[pi]!)
  })
  if (share === 0) return { share: 0, userErrorRate: 0, systemErrorRate: 0, typicalLatencyMs: 0 }
  return { share: share * factor, userErrorRate: user / share, systemErrorRate: system / share, typicalLatencyMs: Math.exp(logLatency / share) }
}

/**
 * Visit every (country, operation, PI type, region) leaf consistent with the
 * combination, with its probability (including the instance's 1/n when the
 * instance is fixed; partner and flight are left out).
 */
export function forEachLeaf(model: TrafficModel, combo: Combination, visit: (country: number, operation: number, piType: number, region: number, weight: number) => void): void {
  const { p } = model
  const fixedInstance = combo[DIM.instance]!
  const fixedRegion = fixedInstance >= 0 ? model.instanceRegion[fixedInstance]! : combo[DIM.region]!
  if (fixedInstance >= 0 && combo[DIM.region]! >= 0 && combo[DIM.region]! !== fixedRegion) return
  const nCountry = model.values[DIM.country]!.length
  const nOp = model.values[DIM.operation]!.length
  const nPi = model.values[DIM.pi_type]!.length
  const nRegion = model.values[DIM.region]!.length
  for (let c = 0; c < nCountry; c++) {
    if (combo[DIM.country]! >= 0 && combo[DIM.country]! !== c) continue
    const pc = p.country[c]!
    for (let o = 0; o < nOp; o++) {
      if (combo[DIM.operation]! >= 0 && combo[DIM.operation]! !== o) continue
      const po = p.operation[c]![o]!
      if (po === 0) continue
      for (let pi = 0; pi < nPi; pi++) {
        if (combo[DIM.pi_type]! >= 0 && combo[DIM.pi_type]! !== pi) continue
        const pp = p.piType[c]![pi]!
        if (pp === 0) continue
        for (let r = 0; r < nRegion; r++) {
          if (fixedRegion >= 0 && fixedRegion !== r) continue
          let pr = p.region[c]![r]!
          if (pr === 0) continue
          if (fixedInstance >= 0) pr /= model.instanceCount[r]!
          visit(c, o, pi, r, pc * po * pp * pr)
        }
      }
    }
  }
}
