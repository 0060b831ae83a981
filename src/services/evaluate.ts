import { averagePrecision, confusion, rocAuc } from '../math/metrics.js'
import type { Evaluation } from '../store/model-records.js'

/** Labelled evaluation of scores at a threshold (1 = anomaly on both sides). */
export function evaluate(scores: Float64Array, labels: Uint8Array, threshold: number): Evaluation {
  const predicted = new Uint8Array(scores.length)
  for (let i = 0; i < scores.length; i++) predicted[i] = scores[i] as number > threshold ? 1 : 0
  const c = confusion(predicted, labels)
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0
  const auc = rocAuc(scores, labels)
  const ap = averagePrecision(scores, labels)
  return {
    roc_auc: Number.isNaN(auc) ? null : auc,
    pr_auc: Number.isNaN(ap) ? null : ap,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    alert_rate: (c.tp + c.fp) / scores.length,
    confusion_matrix: c,
    labelled_rows: scores.length,
    positives: c.tp + c.fn,
  }
}
