/** What a threshold does on labelled scores (score > threshold = alert). */
export interface ThresholdMetrics {
  readonly threshold: number
  readonly precision: number
  readonly recall: number
  readonly f1: number
  readonly alert_rate: number
  readonly confusion_matrix: { readonly tp: number; readonly fp: number; readonly tn: number; readonly fn: number }
}

export function metricsAt(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): ThresholdMetrics {
  let tp = 0
  let fp = 0
  let fn = 0
  let tn = 0
  for (let i = 0; i < scores.length; i++) {
    const alert = (scores[i] as number) > threshold
    const positive = labels[i] === 1
    if (alert && positive) tp++
    else if (alert) fp++
    else if (positive) fn++
    else tn++
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0
  return {
    threshold,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    alert_rate: scores.length > 0 ? (tp + fp) / scores.length : 0,
    confusion_matrix: { tp, fp, tn, fn },
  }
}
