import { trainingStats002, type TrainingStats002 } from '../compat/training-stats-002.js'
import type { Aliases, VersionRecord } from '../store/model-records.js'

/** The API's view of a model: its selected version's record plus the model-wide facts, and 002's training_stats fields. */
export interface ModelView extends Omit<VersionRecord, 'training_stats'> {
  readonly training_stats: VersionRecord['training_stats'] & TrainingStats002
  readonly status: 'ready'
  readonly dataset_id: string
  readonly versions: number[]
  readonly latest_version: number
  readonly aliases: Aliases
  readonly loaded: boolean
}

export function modelView(record: VersionRecord, versions: number[], aliases: Aliases, loaded: boolean): ModelView {
  return {
    ...record,
    training_stats: { ...record.training_stats, ...trainingStats002(record) },
    status: 'ready',
    dataset_id: record.dataset.dataset_id,
    versions,
    latest_version: versions[versions.length - 1] ?? record.version,
    aliases,
    loaded,
  }
}

/** One line of `GET /models`. */
export interface ModelSummary {
  readonly model_id: string
  readonly algorithm: string
  readonly latest_version: number
  readonly version_count: number
  readonly aliases: Aliases
  readonly dataset_id: string
  readonly feature_columns: string[]
  /** 002's model list names each model's target column. */
  readonly target_column: string | null
  readonly contamination: number
  readonly created_at: string
  readonly training_stats: { readonly n_samples: number; readonly anomaly_rate: number; readonly threshold: number }
}

export function modelSummary(latest: VersionRecord, versions: number[], aliases: Aliases): ModelSummary {
  return {
    model_id: latest.model_id,
    algorithm: latest.algorithm,
    latest_version: latest.version,
    version_count: versions.length,
    aliases,
    dataset_id: latest.dataset.dataset_id,
    feature_columns: latest.feature_columns,
    target_column: latest.target_column,
    contamination: latest.contamination,
    created_at: latest.created_at,
    training_stats: {
      n_samples: latest.training_stats.n_samples,
      anomaly_rate: latest.training_stats.anomaly_rate,
      threshold: latest.training_stats.threshold,
    },
  }
}
