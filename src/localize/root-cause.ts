import type { Cuboid } from './cuboids.js'
import type { LeafTable } from './leaf-table.js'

/** One combination of dimension values with the numbers that make it a (candidate) root cause. */
export interface RootCause {
  /** The combination, e.g. `{ country: 'CA', pi_type: 'mc' }`. */
  readonly dimensions: Record<string, string>
  /** Evidence that the combination moved as one: a chi-square statistic (1 degree of freedom) under the fitted noise; higher = more anomalous. */
  readonly score: number
  /** Relative change of the combination: actual / expected − 1 (for a rate: errors / expected errors − 1); null when nothing was expected. */
  readonly change: number | null
  /** Share of the whole deviation (actual − expected over all leaves) that this combination holds; can exceed 1 when other parts moved the other way. */
  readonly explained: number
  /** Leaves under the combination. */
  readonly leaves: number
  /** Count: observed total. Rate: errors. */
  readonly actual: number
  /** Count: forecast total. Rate: expected errors (requests × expected rate). */
  readonly expected: number
  /** Squeeze's deviation 2(actual − expected)/(actual + expected), in [−2, 2]. */
  readonly deviation: number
  /** Rate only: requests served. */
  readonly requests?: number
  /** Rate only: errors / requests. */
  readonly rate?: number
  /** Rate only: expected errors / requests. */
  readonly expected_rate?: number
}

/** The numbers of element `id` of `cuboid`, with `score` given by the search. */
export function describeElement(table: LeafTable, cuboid: Cuboid, id: number, score: number, totalDeviation: number): RootCause {
  const example = cuboid.example[id] as number
  const dimensions: Record<string, string> = {}
  for (const d of cuboid.dims) dimensions[table.dimensions[d] as string] = (table.values[d] as readonly string[])[(table.codes[d] as Int32Array)[example] as number] as string
  let leaves = 0
  let actual = 0
  let expected = 0
  let requests = 0
  const m = table.measure
  for (let i = 0; i < table.size; i++) {
    if (cuboid.elementOf[i] !== id) continue
    leaves++
    if (m.kind === 'count') {
      actual += m.actual[i] as number
      expected += m.expected[i] as number
    } else {
      requests += m.requests[i] as number
      actual += m.errors[i] as number
      expected += (m.requests[i] as number) * (m.expectedRate[i] as number)
    }
  }
  const base = {
    dimensions,
    score: round(score),
    change: expected > 0 ? round(actual / expected - 1) : null,
    explained: round(totalDeviation !== 0 ? (actual - expected) / totalDeviation : 0),
    leaves,
    actual: round(actual),
    expected: round(expected),
    deviation: round(actual + expected > 0 ? (2 * (actual - expected)) / (actual + expected) : 0),
  }
  if (m.kind === 'count') return base
  return { ...base, requests: round(requests), rate: round(requests > 0 ? actual / requests : 0), expected_rate: round(requests > 0 ? expected / requests : 0) }
}

function round(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(6)) : v
}
