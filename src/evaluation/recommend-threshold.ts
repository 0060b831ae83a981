import { quantile } from '../math/stats.js'

export type ThresholdObjective = 'contamination' | 'auto' | 'f1' | 'fbeta' | 'recall' | 'alert_rate'

export interface ObjectiveOptions {
  readonly beta: number
  /** Target recall (for 'recall') or alert rate (for 'alert_rate'). */
  readonly target: number
}

/**
 * The threshold that best meets an objective on labelled scores, searched over
 * every distinct score (alerts are score > threshold, so each candidate sits
 * halfway between two neighbouring scores):
 * - 'f1' / 'fbeta': maximise F-beta (ties: the higher threshold, fewer alerts);
 * - 'recall': the highest threshold whose recall reaches the target;
 * - 'alert_rate': the score quantile that alerts on the target share of rows (labels not needed).
 */
export function recommendThreshold(scores: Float64Array, labels: Uint8Array | undefined, objective: 'fbeta' | 'f1' | 'recall' | 'alert_rate', options: ObjectiveOptions): number {
  if (objective === 'alert_rate') return quantile(scores, 1 - options.target)
  if (!labels) throw new RangeError(`objective '${objective}' needs labels`)
  const order = Uint32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number))
  let positives = 0
  for (let i = 0; i < labels.length; i++) positives += labels[i] as number
  const beta2 = objective === 'f1' ? 1 : options.beta * options.beta
  let tp = 0
  let alerts = 0
  let best = -1
  let bestThreshold = Infinity
  for (let k = 0; k < order.length; k++) {
    const s = scores[order[k] as number] as number
    tp += labels[order[k] as number] as number
    alerts++
    const next = k + 1 < order.length ? (scores[order[k + 1] as number] as number) : -Infinity
    if (next === s) continue
    // everything scoring above `threshold` alerts: the rows up to k
    const threshold = next === -Infinity ? s - Math.max(1e-12, Math.abs(s) * 1e-12) : (s + next) / 2
    const recall = positives > 0 ? tp / positives : 0
    if (objective === 'recall') {
      if (recall >= options.target) return threshold
      continue
    }
    const precision = tp / alerts
    const f = precision + recall > 0 ? ((1 + beta2) * precision * recall) / (beta2 * precision + recall) : 0
    if (f > best) {
      best = f
      bestThreshold = threshold
    }
  }
  return objective === 'recall' ? -Infinity : bestThreshold
}
