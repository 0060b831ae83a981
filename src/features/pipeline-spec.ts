import type { InputKind } from './frame.js'
import type { OutputStats } from './output-stats.js'

/** One raw column the pipeline reads (after field aliases and flattening). */
export interface PipelineInput {
  readonly name: string
  readonly kind: InputKind
}

/** One model input column and how it is computed from the raw inputs. */
export type FeatureOutput =
  | { readonly op: 'numeric'; readonly name: string; readonly source: string }
  | { readonly op: 'missing'; readonly name: string; readonly source: string }
  | { readonly op: 'onehot'; readonly name: string; readonly source: string; readonly category: string }
  | { readonly op: 'frequency'; readonly name: string; readonly source: string; readonly frequencies: Readonly<Record<string, number>> }
  | { readonly op: 'hour' | 'day_of_week' | 'month' | 'is_weekend'; readonly name: string; readonly source: string }
  | { readonly op: 'lag'; readonly name: string; readonly source: string; readonly k: number }
  | { readonly op: 'rolling_mean' | 'rolling_std' | 'rolling_z'; readonly name: string; readonly source: string; readonly window: number }
  | { readonly op: 'diff'; readonly name: string; readonly source: string }

/** Stands for a missing category value in one-hot and frequency encodings. */
export const MISSING_CATEGORY = '__missing__'

/**
 * Why an automatically chosen column (or a feature family) was left out, with
 * the measured value. `variance` is no longer produced (it dropped columns
 * whose few extreme values are the anomalies) but appears in older versions.
 */
export interface SelectionEntry {
  readonly column: string
  readonly rule: 'coverage' | 'cardinality' | 'constant' | 'variance' | 'identifier' | 'label_like' | 'unsupported_type' | 'time_span' | 'no_time_order'
  readonly value: number | string
  readonly limit: string
}

/** The last rows of one series, kept so a single new event gets its lags and windows. */
export interface SeriesTail {
  readonly series: string | null
  readonly time: number[]
  /** Per lag column, its last values (oldest first); null = missing. */
  readonly values: Readonly<Record<string, (number | null)[]>>
}

/** What the pipeline needs to rebuild features; pure data, stored in every model version. */
export interface PipelineCore {
  readonly inputs: readonly PipelineInput[]
  readonly timestamp_column: string | null
  readonly series_column: string | null
  readonly outputs: readonly FeatureOutput[]
}

export interface PipelineSpec extends PipelineCore {
  readonly kind: 'pipeline'
  readonly version: 2
  readonly field_aliases: Readonly<Record<string, string>>
  /** Per output: the training median that replaces a missing value. */
  readonly fill: readonly number[]
  /** Per output mean and standard deviation, when inputs are standardised. */
  readonly scale: { readonly mean: readonly number[]; readonly std: readonly number[] } | null
  /** Rows of history a new event needs for its lags and windows (0 without series features). */
  readonly history_length: number
  readonly tails: readonly SeriesTail[]
  readonly selection: readonly SelectionEntry[]
  /** Per output: its training distribution, for explanations. */
  readonly stats: readonly OutputStats[]
  /** Per text input: category → share of training rows (the most common 10,000). */
  readonly categories: Readonly<Record<string, Readonly<Record<string, number>>>>
}
