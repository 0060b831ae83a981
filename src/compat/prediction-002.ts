/**
 * 002's per-row `score` and `confidence`. Vigil's `anomaly_score` is higher =
 * more anomalous everywhere; 002's `score` is what its scikit-learn models
 * returned: P(anomaly) for supervised models (the same number as Vigil's
 * score), and `score_samples` for unsupervised ones, where lower = more
 * anomalous (Vigil's score negated: −s(x) for isolation forest and −LOF for
 * local outlier factor, exactly scikit-learn's values; `decision_function`
 * for one-class SVM, scikit-learn's `score_samples` less its offset).
 */
export interface ScoreScale {
  /** Supervised models score P(anomaly). */
  readonly supervised: boolean
  /** Standard deviation of the training scores, the unit of `confidence`. */
  readonly std: number
}

export type Confidence = 'high' | 'medium' | 'low'

/** Distance from the threshold, in training standard deviations, from which a decision is `high` / `medium` confidence. */
const HIGH = 1
const MEDIUM = 0.25

export function score002(anomalyScore: number, scale: ScoreScale): number {
  return scale.supervised ? anomalyScore : -anomalyScore
}

/** How clear the decision is: the row's distance from the threshold in training standard deviations (≥ 1 high, ≥ 0.25 medium, else low). */
export function confidence002(anomalyScore: number, threshold: number, scale: ScoreScale): Confidence {
  const gap = Math.abs(anomalyScore - threshold)
  if (!(scale.std > 0)) return gap > 0 ? 'high' : 'low'
  const distance = gap / scale.std
  return distance >= HIGH ? 'high' : distance >= MEDIUM ? 'medium' : 'low'
}

/** A row's prediction with 002's `score` and `confidence` beside Vigil's fields. */
export function with002<R extends { readonly anomaly_score: number; readonly anomaly_threshold: number }>(row: R, scale: ScoreScale): R & { readonly score: number; readonly confidence: Confidence } {
  return { ...row, score: score002(row.anomaly_score, scale), confidence: confidence002(row.anomaly_score, row.anomaly_threshold, scale) }
}
