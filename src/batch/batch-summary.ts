import { score002, type ScoreScale } from '../compat/prediction-002.js'
import type { RowPrediction } from '../services/predict.js'
import type { ExplanationDetail } from './explanation-detail.js'

/**
 * The `predictions` fields of a batch answer other than `results`. Every
 * answer, whole or streamed, takes them from `BatchSummary`, so both carry
 * the same fields with the same values.
 */
export interface BatchSummaryFields {
  readonly total: number
  readonly anomaly_count: number
  readonly anomaly_rate: number
  readonly anomaly_threshold: number
  /** Absent with `explain: false`. */
  readonly explanation_detail?: ExplanationDetail
  /** 002: every row's `is_anomaly`, in order. */
  readonly predictions: boolean[]
  /** 002: every row's `score`, in order (P(anomaly) for supervised models; lower = more anomalous for unsupervised ones). */
  readonly scores: number[]
}

/**
 * Summary fields computed row by row, so a streamed answer can write them
 * after its rows without holding the rows. Fields that need every row (a
 * count, a list of per-row values such as 002's `predictions` and `scores`
 * arrays) are accumulated in `add` and returned by `fields`: both the whole
 * and the streamed answers then carry them, with no other change.
 */
export interface BatchSummary {
  add(row: RowPrediction): void
  fields(): BatchSummaryFields
}

export interface SummaryOptions {
  readonly threshold: number
  /** Undefined when the batch is not explained. */
  readonly detail: ExplanationDetail | undefined
  /** How 002's `scores` are read off the rows' scores. */
  readonly scale: ScoreScale
}

export function createBatchSummary(options: SummaryOptions): BatchSummary {
  let total = 0
  let anomalies = 0
  const predictions: boolean[] = []
  const scores: number[] = []
  return {
    add(row) {
      total++
      if (row.is_anomaly) anomalies++
      predictions.push(row.is_anomaly)
      scores.push(score002(row.anomaly_score, options.scale))
    },
    fields() {
      const fields = { total, anomaly_count: anomalies, anomaly_rate: total > 0 ? anomalies / total : 0, anomaly_threshold: options.threshold, predictions, scores }
      return options.detail === undefined ? fields : { ...fields, explanation_detail: options.detail }
    },
  }
}
