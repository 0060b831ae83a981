import { label, percentile, probability } from '../detectors/calibration.js'
import { transformRecords } from '../features/transform-records.js'
import { loadModel, type LoadedModel } from './load-model.js'
import { parseModelRef, resolveVersion } from './model-ref.js'
import type { Services } from './services.js'

export type Row = Readonly<Record<string, unknown>>

export interface RowPrediction {
  readonly is_anomaly: boolean
  /** Higher = more anomalous (algorithm's raw scale). */
  readonly anomaly_score: number
  /** 0–1, the score placed on the training score range. */
  readonly anomaly_probability: number
  readonly anomaly_threshold: number
  /** Share of training rows scoring at or below this one. */
  readonly score_percentile: number
  /** Input columns the row did not provide; the training median was used. */
  readonly missing_features: string[]
}

export interface ModelInfo {
  readonly model_id: string
  readonly version: number
  readonly algorithm: string
  readonly training_samples: number
  readonly features_used_count: number
  readonly features_found_in_event: number
}

export interface Scored {
  readonly modelId: string
  readonly version: number
  readonly rows: RowPrediction[]
  readonly anomalyCount: number
  readonly threshold: number
  readonly modelInfo: ModelInfo
}

/** Score rows with a model version (latest, a number or an alias; `model@3` works too). */
export async function predictRows(
  s: Services,
  modelId: string,
  version: number | string | undefined,
  rows: Row[],
  pathOf: (row: number, column: string) => string,
): Promise<Scored> {
  const ref = parseModelRef(modelId, version)
  const resolved = await resolveVersion(s.models, ref)
  const { model } = await loadModel(s, ref.modelId, resolved)
  const { X, missing } = transformRecords(model.featureSpec, rows, pathOf)
  const scores = model.fitted.score(X)
  const predictions = Array.from(scores, (score, i) => toPrediction(model, score, missing[i] ?? []))
  const found = model.featureSpec.columns.length - (missing[0]?.length ?? 0)
  return {
    modelId: ref.modelId,
    version: resolved,
    rows: predictions,
    anomalyCount: predictions.filter((p) => p.is_anomaly).length,
    threshold: model.calibration.threshold,
    modelInfo: {
      model_id: ref.modelId,
      version: resolved,
      algorithm: model.record.algorithm,
      training_samples: model.record.training_stats.n_samples,
      features_used_count: model.featureSpec.columns.length,
      features_found_in_event: rows.length === 1 ? found : Math.round(meanFound(model, missing)),
    },
  }
}

function toPrediction(model: LoadedModel, score: number, missing: string[]): RowPrediction {
  const c = model.calibration
  return {
    is_anomaly: label(score, c.threshold) === 1,
    anomaly_score: score,
    anomaly_probability: probability(score, c),
    anomaly_threshold: c.threshold,
    score_percentile: percentile(score, c),
    missing_features: missing,
  }
}

function meanFound(model: LoadedModel, missing: readonly (readonly string[])[]): number {
  const total = missing.reduce((sum, m) => sum + (model.featureSpec.columns.length - m.length), 0)
  return missing.length > 0 ? total / missing.length : 0
}
