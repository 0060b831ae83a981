import { averagePrecision, rocAuc } from '../math/metrics.js'
import { quantile } from '../math/stats.js'
import { metricsAt, type ThresholdMetrics } from './threshold-metrics.js'

const CURVE_POINTS = 200
/** Alert rates of the threshold table's rows, besides the baseline, chosen and recommended thresholds. */
const TABLE_ALERT_RATES = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3]

export interface NamedThreshold extends ThresholdMetrics {
  readonly name: string
}

/** 001's evaluation of a version: ranking quality, curves, and what each candidate threshold would do. */
export interface EvaluationReport {
  readonly rows: number
  readonly positives: number
  readonly split: string
  readonly roc_auc: number | null
  readonly pr_auc: number | null
  readonly roc_curve: { fpr: number; tpr: number; threshold: number }[]
  readonly pr_curve: { recall: number; precision: number; threshold: number }[]
  /** The threshold the version applies. */
  readonly chosen: NamedThreshold
  /** The contamination quantile, 001's baseline row. */
  readonly baseline: NamedThreshold
  /** The labelled objective's best threshold (F1 unless the request asked otherwise). */
  readonly recommended: NamedThreshold | null
  readonly threshold_table: NamedThreshold[]
}

export interface Candidates {
  readonly chosen: { name: string; threshold: number }
  readonly baseline: number
  readonly recommended?: { name: string; threshold: number } | undefined
}

export function evaluationReport(scores: Float64Array, labels: Uint8Array, split: string, candidates: Candidates): EvaluationReport {
  const named = (name: string, threshold: number): NamedThreshold => ({ name, ...metricsAt(scores, labels, threshold) })
  const auc = rocAuc(scores, labels)
  const ap = averagePrecision(scores, labels)
  const table = [
    ...TABLE_ALERT_RATES.map((rate) => named(`alert rate ${rate * 100}%`, quantile(scores, 1 - rate))),
    named('baseline (contamination)', candidates.baseline),
    ...(candidates.recommended ? [named(candidates.recommended.name, candidates.recommended.threshold)] : []),
    named(`chosen (${candidates.chosen.name})`, candidates.chosen.threshold),
  ].sort((a, b) => b.threshold - a.threshold)
  return {
    rows: scores.length,
    positives: labels.reduce((n, y) => n + y, 0),
    split,
    roc_auc: Number.isNaN(auc) ? null : auc,
    pr_auc: Number.isNaN(ap) ? null : ap,
    ...curves(scores, labels),
    chosen: named(candidates.chosen.name, candidates.chosen.threshold),
    baseline: named('baseline (contamination)', candidates.baseline),
    recommended: candidates.recommended ? named(candidates.recommended.name, candidates.recommended.threshold) : null,
    threshold_table: table,
  }
}

/** ROC and PR curve points at up to 200 thresholds (score quantiles), highest threshold first. */
function curves(scores: Float64Array, labels: Uint8Array): Pick<EvaluationReport, 'roc_curve' | 'pr_curve'> {
  const distinct = [...new Set(Array.from(scores))].sort((a, b) => b - a)
  const step = Math.max(1, Math.ceil(distinct.length / CURVE_POINTS))
  const thresholds = distinct.filter((_, k) => k % step === 0).map((s) => s - 1e-12 * Math.max(1, Math.abs(s)))
  const roc = [{ fpr: 0, tpr: 0, threshold: Infinity }]
  const pr: EvaluationReport['pr_curve'] = []
  for (const t of thresholds) {
    const m = metricsAt(scores, labels, t)
    const { tp, fp, tn, fn } = m.confusion_matrix
    roc.push({ fpr: fp + tn > 0 ? fp / (fp + tn) : 0, tpr: tp + fn > 0 ? tp / (tp + fn) : 0, threshold: t })
    pr.push({ recall: m.recall, precision: m.precision, threshold: t })
  }
  return { roc_curve: roc.map((p) => ({ ...p, threshold: Number.isFinite(p.threshold) ? p.threshold : Number.MAX_VALUE })), pr_curve: pr }
}
