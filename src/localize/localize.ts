import { buildCuboids, type Cuboid } from './cuboids.js'
import { elementChange, elementScore, type ElementSums, removeLeaf, sumElements } from './element-sums.js'
import { leafEvidence } from './leaf-evidence.js'
import type { LeafTable } from './leaf-table.js'
import type { MeasureKind } from './measure-fields.js'
import { describeElement, type RootCause } from './root-cause.js'
import { searchDepth } from './search-depth.js'
import { type ElementPick, splitElement } from './split-element.js'

export interface LocalizeOptions {
  /** Most root causes returned (default 5). */
  readonly maxRootCauses?: number
  /** Largest combination searched, in dimensions (default: up to 4, as deep as MAX_SEARCH_CELLS allows; asked for beyond it, a 400). */
  readonly maxDimensions?: number
  /** Other combinations listed after the root causes (default 10). */
  readonly maxCandidates?: number
  /** A root cause must change by at least this much relative to its forecast (default 0.02 = 2%). */
  readonly minChange?: number
  /** Family-wise false-alarm rate over every combination searched (default 0.01). */
  readonly alpha?: number
}

export interface Localization {
  readonly measure: MeasureKind
  readonly dimensions: string[]
  /** The answer: the smallest set of combinations that explains the deviation, most evidence first. Empty when nothing moved beyond the noise. */
  readonly root_causes: RootCause[]
  /** The next best combinations (not part of the answer), best first. */
  readonly candidates: RootCause[]
  readonly stats: LocalizationStats
}

/** Numbers behind the answer. */
export interface LocalizationStats {
  readonly leaves: number
  /** Combinations searched. */
  readonly combinations: number
  /** Score a combination needs to be a root cause. */
  readonly threshold: number
  /** Estimated relative error of the forecasts (τ), from the quietest large leaves. */
  readonly forecast_error: number
  readonly actual: number
  readonly expected: number
}

export const DEFAULT_LOCALIZE = { maxRootCauses: 5, maxDimensions: 4, maxCandidates: 10, minChange: 0.02, alpha: 0.01 } as const

type Pick = ElementPick

/**
 * Root-cause localisation for one time point.
 *
 * Every combination of up to `maxDimensions` dimensions is a hypothesis:
 * "all leaves under it changed by the same factor" (the ripple effect). Its
 * score is the chi-square statistic of that factor, weighted by each leaf's
 * noise (Poisson or binomial plus the forecast's own error, both estimated
 * from the leaves; see leaf-evidence.ts and element-sums.ts). A combination
 * that is too broad dilutes its change with quiet leaves; one that is too
 * narrow holds only part of the evidence; so the best-scoring one is the
 * most succinct exact explanation. The search is greedy: take the best
 * combination, let its leaves leave the search, rescore, and stop when
 * nothing left passes a Bonferroni threshold over every combination searched
 * (or changes by less than `minChange`). Ancestors and descendants of a root
 * cause are not chosen again, and each pick pays ln(elements of its cuboid)
 * so that among near-equals the fewer dimensions win (a description-length
 * penalty). A pick that is the common parent of several root causes is
 * replaced by the children that moved when the rest of it clearly did not
 * (split-element.ts).
 */
export function localize(table: LeafTable, options: LocalizeOptions = {}): Localization {
  const maxRootCauses = options.maxRootCauses ?? DEFAULT_LOCALIZE.maxRootCauses
  const maxDims = searchDepth(table.dimensions.length, table.size, options.maxDimensions, DEFAULT_LOCALIZE.maxDimensions)
  const maxCandidates = options.maxCandidates ?? DEFAULT_LOCALIZE.maxCandidates
  const minChange = options.minChange ?? DEFAULT_LOCALIZE.minChange
  const alpha = options.alpha ?? DEFAULT_LOCALIZE.alpha

  const evidence = leafEvidence(table.measure)
  const cuboids = buildCuboids(table, maxDims)
  const combinations = cuboids.reduce((s, c) => s + c.size, 0)
  // Bonferroni over every combination: P(χ²₁ > t) < e^(−t/2), so t = 2 ln(m/α)
  const threshold = 2 * Math.log(Math.max(combinations, 1) / alpha)
  const sums = sumElements(cuboids, evidence)
  const penalty = cuboids.map((c) => Math.log(c.size))
  const cuboidByDims = new Map(cuboids.map((c, k) => [c.dims.join(','), k]))

  // runners-up by their evidence before any root cause is taken out (a few spare, for the picks among them)
  const runnersUp = topElements(cuboids, sums, penalty, maxCandidates + maxRootCauses, () => true)

  const picks: Pick[] = []
  while (picks.length < maxRootCauses) {
    const best = bestElement(cuboids, sums, penalty, (k, e) => {
      if (Math.abs(elementChange(sums, k, e)) < minChange) return false
      return !picks.some((p) => related(table, cuboids[p.cuboid] as Cuboid, p.id, cuboids[k] as Cuboid, e))
    })
    if (best === undefined || best.score < threshold) break
    const parts = splitElement(best, { cuboids, cuboidByDims, sums, threshold })
    for (const part of parts.slice(0, maxRootCauses - picks.length)) {
      picks.push(part)
      const c = cuboids[part.cuboid] as Cuboid
      for (let i = 0; i < table.size; i++) if (c.elementOf[i] === part.id) removeLeaf(sums, cuboids, i, evidence)
    }
  }

  const totals = measureTotals(table)
  const describe = (p: Pick): RootCause => describeElement(table, cuboids[p.cuboid] as Cuboid, p.id, p.score, totals.actual - totals.expected)
  const candidates = runnersUp.filter((r) => !picks.some((p) => p.cuboid === r.cuboid && p.id === r.id)).slice(0, maxCandidates)
  return {
    measure: table.measure.kind,
    dimensions: [...table.dimensions],
    root_causes: picks.map(describe),
    candidates: candidates.map(describe),
    stats: {
      leaves: table.size,
      combinations,
      threshold: Number(threshold.toPrecision(6)),
      forecast_error: Number(Math.sqrt(evidence.forecastVariance).toPrecision(4)),
      actual: Number(totals.actual.toPrecision(10)),
      expected: Number(totals.expected.toPrecision(10)),
    },
  }
}

/** The allowed element with the largest score less its cuboid's penalty. */
function bestElement(cuboids: readonly Cuboid[], sums: ElementSums, penalty: readonly number[], allowed: (k: number, e: number) => boolean): Pick | undefined {
  return topElements(cuboids, sums, penalty, 1, allowed)[0]
}

/** The `count` allowed elements with the largest score/2 − penalty, best first. */
function topElements(cuboids: readonly Cuboid[], sums: ElementSums, penalty: readonly number[], count: number, allowed: (k: number, e: number) => boolean): Pick[] {
  if (count <= 0) return []
  const top: { pick: Pick; value: number }[] = []
  cuboids.forEach((c, k) => {
    const pen = penalty[k] as number
    for (let e = 0; e < c.size; e++) {
      const score = elementScore(sums, k, e)
      if (score <= 0) continue
      const value = score / 2 - pen
      if (top.length >= count && value <= (top[top.length - 1] as { value: number }).value) continue
      if (!allowed(k, e)) continue
      top.push({ pick: { cuboid: k, id: e, score }, value })
      top.sort((p, q) => q.value - p.value)
      if (top.length > count) top.pop()
    }
  })
  return top.map((t) => t.pick)
}

/** True when element `e` of `c` is the picked element, an ancestor or a descendant of it. */
function related(table: LeafTable, pc: Cuboid, pid: number, c: Cuboid, e: number): boolean {
  const [narrow, nid, wide, wid] = c.dims.length >= pc.dims.length ? [c, e, pc, pid] : [pc, pid, c, e]
  const leafN = narrow.example[nid] as number
  const leafW = wide.example[wid] as number
  for (const d of wide.dims) {
    if (!narrow.dims.includes(d)) return false
    const codes = table.codes[d] as Int32Array
    if (codes[leafN] !== codes[leafW]) return false
  }
  return true
}

function measureTotals(table: LeafTable): { actual: number; expected: number } {
  const m = table.measure
  let actual = 0
  let expected = 0
  for (let i = 0; i < table.size; i++) {
    if (m.kind === 'count') {
      actual += m.actual[i] as number
      expected += m.expected[i] as number
    } else {
      actual += m.errors[i] as number
      expected += (m.requests[i] as number) * (m.expectedRate[i] as number)
    }
  }
  return { actual, expected }
}
