import type { VersionRecord } from '../store/model-records.js'
import { isSupervised } from './supervised.js'

/**
 * 002's `training_stats` fields, beside Vigil's. Its clients print
 * `anomalies_detected` and `anomaly_rate` for unsupervised models and
 * `precision`, `recall`, `f1_score`, `true_anomalies`, `predicted_anomalies`
 * for supervised ones. Vigil measures those on the held-out labelled rows
 * (`training_stats.evaluation`), so they are present whenever the version
 * was trained with a label column.
 */
export interface TrainingStats002 {
  readonly feature_columns: string[]
  readonly target_column: string | null
  readonly algorithm: string
  readonly contamination: number
  /** When the version was trained (its `created_at`). */
  readonly training_date: string
  readonly supervised: boolean
  /** Training rows above the threshold (Vigil's `anomaly_count`). */
  readonly anomalies_detected: number
  readonly precision?: number
  readonly recall?: number
  readonly f1_score?: number
  /** Labelled anomalies among the held-out rows. */
  readonly true_anomalies?: number
  /** Held-out rows the model flags. */
  readonly predicted_anomalies?: number
}

export function trainingStats002(record: VersionRecord): TrainingStats002 {
  const stats = record.training_stats
  const base: TrainingStats002 = {
    feature_columns: record.feature_columns,
    target_column: record.target_column,
    algorithm: record.algorithm,
    contamination: record.contamination,
    training_date: record.created_at,
    supervised: isSupervised(record.algorithm),
    anomalies_detected: stats.anomaly_count,
  }
  const e = stats.evaluation
  if (e === undefined) return base
  const { tp, fp, fn } = e.confusion_matrix
  return { ...base, precision: e.precision, recall: e.recall, f1_score: e.f1, true_anomalies: tp + fn, predicted_anomalies: tp + fp }
}
