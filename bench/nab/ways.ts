/** The training requests compared: raw value, automatic features, and feature variants for the ablations. */
import type { TrainBody } from './vigil-session.js'

/** Isolation forest is averaged over these seeds; LOF has no randomness below 100,000 rows and runs with the first. */
export const SEEDS = [42, 43, 44] as const
export const CONTAMINATION = 0.1

/** `false` = no feature engineering; `undefined` = the default pipeline; an object = the pipeline with these settings. */
export type Features = false | undefined | Readonly<Record<string, unknown>>

export interface Variant {
  readonly key: string
  readonly label: string
  readonly features: Features
}

export const RAW: Variant = { key: 'raw', label: 'raw value', features: false }
export const AUTO: Variant = { key: 'auto', label: 'automatic features (defaults)', features: undefined }

/** Auto with one default changed at a time, and the first defaults (issue 4's proposal); isolation forest only. */
export const ABLATIONS: readonly Variant[] = [
  { key: 'first-defaults', label: 'first defaults: all calendar parts, windows [3, 7, 14]', features: { time_features: true, windows: [3, 7, 14] } },
  { key: 'all-time', label: 'auto, all four calendar parts', features: { time_features: true } },
  { key: 'no-time', label: 'auto, no time features', features: { time_features: false } },
  { key: 'w3-7-14', label: 'auto, windows [3, 7, 14]', features: { windows: [3, 7, 14] } },
  { key: 'w3-7-14-48', label: 'auto, windows [3, 7, 14, 48]', features: { windows: [3, 7, 14, 48] } },
  { key: 'w14-48', label: 'auto, windows [14, 48]', features: { windows: [14, 48] } },
  { key: 'w48', label: 'auto, windows [48]', features: { windows: [48] } },
  { key: 'no-lags', label: 'auto, no lags', features: { lags: [] } },
  { key: 'no-windows', label: 'auto, no rolling windows', features: { windows: [] } },
]

export function trainBody(algorithm: string, variant: Variant, seed: number): TrainBody {
  return {
    algorithm,
    target_column: 'value',
    contamination: CONTAMINATION,
    random_state: seed,
    ...(variant.features === undefined ? {} : { features: variant.features }),
  }
}
