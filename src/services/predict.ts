import { label, percentile, probability } from '../detectors/calibration.js'
import { applyPipeline } from '../features/apply-pipeline.js'
import { recordsToFrame } from '../features/records-to-frame.js'
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

export interface PredictInput {
  readonly modelId: string
  readonly version?: number | string | undefined
  readonly rows: Row[]
  /** Earlier events of the same series, oldest first: they replace the stored history for lags and windows. */
  readonly history?: Row[] | undefined
  readonly pathOf: (row: number, column: string) => string
}

/** Score rows with a model version (latest, a number or an alias; `model@3` works too). */
export async function predictRows(s: Services, input: PredictInput): Promise<Scored> {
  const ref = parseModelRef(input.modelId, input.version)
  const resolved = await resolveVersion(s.models, ref)
  const { model } = await loadModel(s, ref.modelId, resolved)
  const rows = input.rows
  const { frame, missing } = recordsToFrame(model.featureSpec, rows, input.pathOf)
  const history = input.history === undefined ? undefined : recordsToFrame(model.featureSpec, input.history, (i, c) => `history[${i}].${c}`).frame
  const X = applyPipeline(model.featureSpec, frame, history)
  const scores = model.fitted.score(X)
  const predictions = Array.from(scores, (score, i) => toPrediction(model, score, missing[i] ?? []))
  const inputs = model.featureSpec.inputs.length
  const found = inputs - (missing[0]?.length ?? 0)
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
      features_used_count: inputs,
      features_found_in_event: rows.length === 1 ? found : Math.round(meanFound(inputs, missing)),
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

function meanFound(inputs: number, missing: readonly (readonly string[])[]): number {
  const total = missing.reduce((sum, m) => sum + (inputs - m.length), 0)
  return missing.length > 0 ? total / missing.length : 0
}
