/** Means of the per-series metrics over a category or the whole corpus. */
import type { MeanMetrics, SeriesMetrics } from './evaluate.js'
import type { NabSeries } from './series.js'

export interface Group {
  readonly label: string
  readonly indices: readonly number[]
}

/** One group per category (in corpus order), then all series. */
export function groups(series: readonly NabSeries[]): Group[] {
  const categories = [...new Set(series.map((s) => s.category))]
  const byCategory = categories.map((c) => {
    const indices = series.flatMap((s, i) => (s.category === c ? [i] : []))
    return { label: `mean ${c} (${indices.length})`, indices }
  })
  return [...byCategory, { label: `mean, all ${series.length} series`, indices: series.map((_, i) => i) }]
}

export function meanOf(metrics: MeanMetrics, indices: readonly number[]): SeriesMetrics {
  const mean = (pick: (m: SeriesMetrics) => number): number => indices.reduce((s, i) => s + pick(metrics.perSeries[i] as SeriesMetrics), 0) / indices.length
  return { auroc: mean((m) => m.auroc), prAuc: mean((m) => m.prAuc), nab: mean((m) => m.nab) }
}

/** NAB's own corpus number (pooled raw score normalised over all windows), mean over seeds. */
export function corpusNab(metrics: MeanMetrics): number {
  return metrics.thresholds.reduce((s, t) => s + t.normalized, 0) / metrics.thresholds.length
}

export interface Verdict {
  readonly auroc: boolean
  readonly prAuc: boolean
  readonly nab: boolean
  readonly all: boolean
}

/** Does `candidate` beat `reference` on the mean over all series, metric by metric? */
export function beats(candidate: MeanMetrics, reference: MeanMetrics): Verdict {
  const all = candidate.perSeries.map((_, i) => i)
  const c = meanOf(candidate, all)
  const r = meanOf(reference, all)
  const v = { auroc: c.auroc > r.auroc, prAuc: c.prAuc > r.prAuc, nab: c.nab > r.nab }
  return { ...v, all: v.auroc && v.prAuc && v.nab }
}
