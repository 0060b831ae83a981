import type { Aliases, VersionRecord } from '../store/model-records.js'

/** The API's view of a model: its selected version's record plus the model-wide facts. */
export interface ModelView extends VersionRecord {
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
    created_at: latest.created_at,
    training_stats: {
      n_samples: latest.training_stats.n_samples,
      anomaly_rate: latest.training_stats.anomaly_rate,
      threshold: latest.training_stats.threshold,
    },
  }
}
