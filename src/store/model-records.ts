import type { Calibration } from '../detectors/calibration.js'
import type { EvaluationReport } from '../evaluation/evaluation-report.js'
import type { ThresholdOptions } from '../evaluation/threshold-options.js'
import type { EncodedArray } from '../math/typed-array-codec.js'
import type { FeatureConfig } from '../features/feature-config.js'
import type { LegacyFeatureSpec } from '../features/upgrade-spec.js'
import type { PipelineSpec, SelectionEntry } from '../features/pipeline-spec.js'

/** Labelled evaluation of a version (present when trained with a label column). */
export interface Evaluation {
  readonly roc_auc: number | null
  readonly pr_auc: number | null
  readonly precision: number
  readonly recall: number
  readonly f1: number
  readonly alert_rate: number
  readonly confusion_matrix: { readonly tp: number; readonly fp: number; readonly tn: number; readonly fn: number }
  readonly labelled_rows: number
  readonly positives: number
  /** How the labelled rows were held out. */
  readonly split: string
  /** F1 at the contamination threshold (001's baseline row). */
  readonly baseline_f1: number
  readonly recommended_threshold: number | null
  readonly recommended_f1: number | null
}

export interface TrainingStats {
  readonly n_samples: number
  readonly n_features: number
  readonly anomaly_count: number
  /** Share of training rows above the threshold. */
  readonly anomaly_rate: number
  readonly threshold: number
  /** How the threshold was chosen: contamination, auto, f1, f2, recall, alert_rate, or manual. */
  readonly threshold_method: string
  /** The contamination quantile, for comparison. */
  readonly baseline_threshold: number
  readonly score_mean: number
  readonly score_std: number
  readonly score_min: number
  readonly score_max: number
  readonly training_time_ms: number
  /** Missing values replaced by the training median, per feature. */
  readonly imputed_values: Readonly<Record<string, number>>
  readonly evaluation?: Evaluation
  /** What the algorithm reported about its fit (e.g. the subsample it used). */
  readonly fit_notes?: Readonly<Record<string, string | number | boolean>>
}

/** `models/<id>/versions/<n>/version.json`: an immutable record of one trained version and its lineage. */
export interface VersionRecord {
  readonly model_id: string
  readonly version: number
  readonly algorithm: string
  readonly state_version: number
  readonly params: Readonly<Record<string, unknown>>
  readonly contamination: number
  readonly random_state: number
  readonly target_column: string | null
  readonly feature_columns: string[]
  readonly label_column: string | null
  /** What feature engineering did (absent on versions from before it existed). */
  readonly features?: FeatureSummary
  readonly dataset: {
    readonly dataset_id: string
    readonly sha256: string
    readonly rows: number
    readonly source_dataset_ids?: string[]
  }
  /** How the applied threshold was chosen (absent on versions from before threshold options). */
  readonly threshold_options?: ThresholdOptions
  /** The version this one was retrained from, or whose threshold it changed. */
  readonly parent: { readonly model_id: string; readonly version: number } | null
  /** Set when this version only changed the threshold of its parent. */
  readonly change?: ThresholdChange
  readonly training_stats: TrainingStats
  readonly created_at: string
  readonly app_version: string
  /** The job that trained this version (absent on versions from before jobs, and on threshold changes). */
  readonly job_id?: string
}

/** `models/<id>/versions/<n>/state.json`: what scoring needs, as plain JSON. */
export interface StoredState {
  readonly format_version: 1
  /** The algorithm id: checked against the record on load. */
  readonly kind: string
  readonly state_version: number
  readonly calibration: Calibration
  readonly feature_spec: PipelineSpec | LegacyFeatureSpec
  readonly state: unknown
}

/** `models/<id>/aliases.json`: movable names for versions. */
export type Aliases = Readonly<Record<string, number>>

/** The feature pipeline of a version, as reported to people. */
export interface FeatureSummary {
  /** The settings used, after defaults; false when engineering was off. */
  readonly config: FeatureConfig | false
  readonly timestamp_column: string | null
  readonly series_column: string | null
  /** The model's input columns after engineering, in order. */
  readonly engineered: string[]
  readonly standardized: boolean
  /** Rows of a series' history a new event needs (stored at training, or sent as `history`). */
  readonly history_length: number
  /** Columns left out by 000's rules: column, rule, measured value, limit. */
  readonly dropped: SelectionEntry[]
}

/** A threshold changed without retraining: who, when, from what, to what, why. */
export interface ThresholdChange {
  readonly type: 'threshold'
  readonly from: number
  readonly to: number
  readonly method: string
  readonly changed_by: string
  readonly reason: string | null
  readonly at: string
}

/** `versions/<n>/evaluation.json`: the report, plus the held-out scores and labels so a threshold change can be re-judged. */
export interface StoredEvaluation {
  readonly report: EvaluationReport
  readonly validation: { readonly scores: EncodedArray; readonly labels: EncodedArray }
}
