import type { Rng } from '../../math/random.js'
import { aliasDraw, aliasTable, type AliasTable } from './alias-table.js'
import { type Combination, forEachLeaf } from './combination.js'
import { DIM } from './dimensions.js'
import type { TrafficModel } from './traffic-model.js'

/**
 * Draw one request's seven dimension values into `out` (value indices),
 * from seven uniforms: always seven, so the random stream does not depend
 * on what was drawn.
 */
export function drawLeaf(model: TrafficModel, rng: Rng, out: Int32Array): void {
  out[DIM.partner] = aliasDraw(model.partner, rng.next())
  out[DIM.flight] = aliasDraw(model.flight, rng.next())
  const c = aliasDraw(model.country, rng.next())
  out[DIM.country] = c
  out[DIM.operation] = aliasDraw(model.operation[c]!, rng.next())
  out[DIM.pi_type] = aliasDraw(model.piType[c]!, rng.next())
  const r = aliasDraw(model.region[c]!, rng.next())
  out[DIM.region] = r
  out[DIM.instance] = model.instanceStart[r]! + ((rng.next() * model.instanceCount[r]!) | 0)
}

/** Draws requests inside one combination, with the model's mix of everything left free (for traffic spikes). */
export interface CombinationSampler {
  draw(rng: Rng, out: Int32Array): void
}

/** Build a sampler for a combination that carries traffic. */
export function combinationSampler(model: TrafficModel, combo: Combination): CombinationSampler {
  const leaves: number[] = []
  const weights: number[] = []
  forEachLeaf(model, combo, (c, o, pi, r, w) => {
    leaves.push(c, o, pi, r)
    weights.push(w)
  })
  const table: AliasTable = aliasTable(weights)
  const partner = combo[DIM.partner]!
  const flight = combo[DIM.flight]!
  const instance = combo[DIM.instance]!
  return {
    draw(rng, out) {
      out[DIM.partner] = partner >= 0 ? partner : aliasDraw(model.partner, rng.next())
      out[DIM.flight] = flight >= 0 ? flight : aliasDraw(model.flight, rng.next())
      const k = aliasDraw(table, rng.next()) * 4
      out[DIM.country] = leaves[k]!
      out[DIM.operation] = leaves[k + 1]!
      out[DIM.pi_type] = leaves[k + 2]!
      const r = leaves[k + 3]!
      out[DIM.region] = r
      out[DIM.instance] = instance >= 0 ? instance : model.instanceStart[r]! + ((rng.next() * model.instanceCount[r]!) | 0)
    },
  }
}
