import type { LeafTable } from '../../src/localize/index.js'

/** Thresholds from the Adtributor paper (Bhagwan et al., NSDI'14): per-element and cumulative explanatory power. */
export interface AdtributorOptions {
  /** An element joins a candidate set only if it explains more than this share of the change (T_EEP, 0.1). */
  readonly elementPower?: number
  /** A candidate set is complete once it explains more than this share (T_EP, 0.67). */
  readonly setPower?: number
}

/**
 * Adtributor, re-implemented from the paper's description as a baseline.
 *
 * It assumes the root cause lies in one dimension. Per dimension, each value
 * gets its explanatory power (its share of the total change) and its
 * surprise (the Jensen-Shannon divergence between its share of the forecast
 * and its share of the actual); values are taken in decreasing surprise,
 * those explaining more than T_EEP joining the set, until the set explains
 * more than T_EP. The dimension whose set is most surprising wins, and its
 * set is the answer (the paper returns the top 3 sets for a person to read;
 * scored as a prediction, the best one is its answer).
 *
 * For a failure rate, the measure is the errors against requests × expected
 * rate (the requests are taken as their own forecast, so the derived-measure
 * formula of the paper reduces to the errors' own explanatory power).
 */
export function adtributor(table: LeafTable, options: AdtributorOptions = {}): Record<string, string>[] {
  const elementPower = options.elementPower ?? 0.1
  const setPower = options.setPower ?? 0.67
  const { actual, expected } = leafAmounts(table)
  let totalA = 0
  let totalF = 0
  for (let i = 0; i < table.size; i++) {
    totalA += actual[i] as number
    totalF += expected[i] as number
  }
  const change = totalA - totalF
  if (change === 0 || totalA <= 0 || totalF <= 0) return []
  let best: { surprise: number; set: Record<string, string>[] } | undefined
  table.dimensions.forEach((name, d) => {
    const values = table.values[d] as readonly string[]
    const codes = table.codes[d] as Int32Array
    const a = new Float64Array(values.length)
    const f = new Float64Array(values.length)
    for (let i = 0; i < table.size; i++) {
      const v = codes[i] as number
      a[v] = (a[v] as number) + (actual[i] as number)
      f[v] = (f[v] as number) + (expected[i] as number)
    }
    const elements = values.map((value, v) => ({
      value,
      power: ((a[v] as number) - (f[v] as number)) / change,
      surprise: jensenShannon((f[v] as number) / totalF, (a[v] as number) / totalA),
    }))
    elements.sort((p, q) => q.surprise - p.surprise)
    let explained = 0
    let surprise = 0
    const set: Record<string, string>[] = []
    for (const e of elements) {
      if (e.power <= elementPower) continue
      set.push({ [name]: e.value })
      explained += e.power
      surprise += e.surprise
      if (explained > setPower) break
    }
    if (explained > setPower && (best === undefined || surprise > best.surprise)) best = { surprise, set }
  })
  return best?.set ?? []
}

function leafAmounts(table: LeafTable): { actual: Float64Array; expected: Float64Array } {
  const m = table.measure
  if (m.kind === 'count') return { actual: m.actual, expected: m.expected }
  const expected = new Float64Array(table.size)
  for (let i = 0; i < table.size; i++) expected[i] = (m.requests[i] as number) * (m.expectedRate[i] as number)
  return { actual: m.errors, expected }
}

/** Jensen-Shannon divergence of two shares, Adtributor's surprise (terms with a zero share vanish). */
function jensenShannon(p: number, q: number): number {
  const m = (p + q) / 2
  const term = (x: number): number => (x > 0 ? 0.5 * x * Math.log(x / m) : 0)
  return term(p) + term(q)
}
