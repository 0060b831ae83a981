/** Metrics of one run (one detector, one way, one seed) over the corpus, and their mean over seeds. */
import { averagePrecision, rocAuc } from '../../src/math/metrics.js'
import { bestThreshold, scoreSeries, sweepPoints, type BestThreshold, type SweepPoints } from './nab-score.js'
import type { NabSeries } from './series.js'

export interface SeriesMetrics {
  readonly auroc: number
  readonly prAuc: number
  /** NAB score of the series (0..100) at the corpus-wide threshold. */
  readonly nab: number
}

export interface RunMetrics {
  readonly perSeries: SeriesMetrics[]
  readonly threshold: BestThreshold
}

/** Per-series NAB weights, computed once per corpus. */
export function corpusPoints(corpus: readonly NabSeries[]): SweepPoints[] {
  return corpus.map((s) => sweepPoints(s.values.length, s.windows))
}

/** Score one run: ranking metrics per series, and NAB at the single threshold that is best for the whole corpus. */
export function evaluateRun(corpus: readonly NabSeries[], points: readonly SweepPoints[], scores: readonly Float64Array[]): RunMetrics {
  const threshold = bestThreshold(points.map((p, i) => ({ points: p, scores: scores[i] as Float64Array })))
  const perSeries = corpus.map((s, i) => {
    const sc = scores[i] as Float64Array
    return { auroc: rocAuc(sc, s.labels), prAuc: averagePrecision(sc, s.labels), nab: scoreSeries(points[i] as SweepPoints, sc, threshold.threshold).normalized }
  })
  return { perSeries, threshold }
}

/** The mean over seeds of every metric; the thresholds stay listed per seed. */
export interface MeanMetrics {
  readonly perSeries: SeriesMetrics[]
  readonly thresholds: BestThreshold[]
}

export function meanOverRuns(runs: readonly RunMetrics[]): MeanMetrics {
  const first = runs[0]
  if (!first) throw new Error('no runs to average')
  const mean = (pick: (r: RunMetrics) => number): number => runs.reduce((s, r) => s + pick(r), 0) / runs.length
  const perSeries = first.perSeries.map((_, i) => ({
    auroc: mean((r) => (r.perSeries[i] as SeriesMetrics).auroc),
    prAuc: mean((r) => (r.perSeries[i] as SeriesMetrics).prAuc),
    nab: mean((r) => (r.perSeries[i] as SeriesMetrics).nab),
  }))
  return { perSeries, thresholds: runs.map((r) => r.threshold) }
}
