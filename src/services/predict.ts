import { isSupervised } from '../compat/supervised.js'
import type { ScoreScale } from '../compat/prediction-002.js'
import { label, percentile, probability } from '../detectors/calibration.js'
import { explainRow } from '../explain/explain-row.js'
import type { FeatureDeviation } from '../explain/feature-deviations.js'
import { applyPipeline } from '../features/apply-pipeline.js'
import { assertKnownFields } from '../features/assert-known-fields.js'
import type { Frame } from '../features/frame.js'
import { recordsToFrame } from '../features/records-to-frame.js'
import type { Matrix } from '../math/matrix.js'
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
  /** The threshold applied: the version's, or the request's override. */
  readonly anomaly_threshold: number
  /** Share of training rows scoring at or below this one. */
  readonly score_percentile: number
  /** Input columns the row did not provide; the training median was used. */
  readonly missing_features: string[]
  /** One sentence naming the top drivers (absent with explain: false). */
  readonly explanation?: string
  readonly feature_deviations?: Record<string, FeatureDeviation>
  /** How the contributions were computed: 'tree_shap', 'saabas', 'coefficients', 'path_depth' or 'robust_z'. */
  readonly contribution_method?: string
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
  /** How 002's `score` and `confidence` are read off the rows' scores. */
  readonly scale: ScoreScale
  readonly modelInfo: ModelInfo
}

export interface PredictInput {
  readonly modelId: string
  readonly version?: number | string | undefined
  readonly rows: Row[]
  /** Earlier events of the same series, oldest first: they replace the stored history for lags and windows. */
  readonly history?: Row[] | undefined
  /** Overrides the version's threshold for this request. */
  readonly threshold?: number | undefined
  /** Explanations cost a little time; false skips them. */
  readonly explain?: boolean | undefined
  readonly pathOf: (row: number, column: string) => string
}

/**
 * A batch after every check has passed: the model, the feature matrix and
 * every score, with nothing built per row yet. Rows are built from it in any
 * slice (`predictionAt`), so a large batch can be explained and sent a chunk
 * at a time while its summary is already known.
 */
export interface PreparedBatch {
  readonly modelId: string
  readonly version: number
  readonly model: LoadedModel
  readonly frame: Frame
  readonly missing: string[][]
  readonly X: Matrix
  readonly scores: Float64Array
  readonly threshold: number
  readonly scale: ScoreScale
  readonly modelInfo: ModelInfo
}

/**
 * Load the model, read and check every row, compute the features and score
 * them all. Everything a request can get wrong is found here, before any row
 * of the answer exists.
 */
export async function prepareBatch(s: Services, input: PredictInput): Promise<PreparedBatch> {
  const ref = parseModelRef(input.modelId, input.version)
  const resolved = await resolveVersion(s.models, ref)
  const { model } = await loadModel(s, ref.modelId, resolved)
  const spec = model.featureSpec
  const { frame, missing } = recordsToFrame(spec, input.rows, input.pathOf)
  assertKnownFields(spec, input.rows, missing, input.pathOf)
  const history = input.history === undefined ? undefined : recordsToFrame(spec, input.history, (i, c) => `history[${i}].${c}`).frame
  const X = applyPipeline(spec, frame, history)
  const scores = model.fitted.score(X)
  const inputs = spec.inputs.length
  const found = missing.reduce((sum, m) => sum + (inputs - m.length), 0)
  const rows = input.rows.length
  return {
    modelId: ref.modelId,
    version: resolved,
    model,
    frame,
    missing,
    X,
    scores,
    threshold: input.threshold ?? model.calibration.threshold,
    scale: { supervised: isSupervised(model.record.algorithm), std: model.calibration.std },
    modelInfo: {
      model_id: ref.modelId,
      version: resolved,
      algorithm: model.record.algorithm,
      training_samples: model.record.training_stats.n_samples,
      features_used_count: inputs,
      // for a batch: the mean per row, rounded
      features_found_in_event: rows > 0 ? Math.round(found / rows) : 0,
    },
  }
}

/** The prediction for row `i` of a prepared batch, explained unless `explain` is false. */
export function predictionAt(batch: PreparedBatch, i: number, explain: boolean): RowPrediction {
  const { model, threshold } = batch
  const score = batch.scores[i] as number
  const isAnomaly = label(score, threshold) === 1
  const base: RowPrediction = {
    is_anomaly: isAnomaly,
    anomaly_score: score,
    anomaly_probability: probability(score, model.calibration),
    anomaly_threshold: threshold,
    score_percentile: percentile(score, model.calibration),
    missing_features: batch.missing[i] ?? [],
  }
  if (!explain) return base
  // added in place, not spread into a new object: this runs on every explained prediction
  return Object.assign(base, explainRow(model.featureSpec, model.fitted, batch.X, i, batch.frame, new Set(batch.missing[i]), isAnomaly))
}

/** Score rows with a model version (latest, a number or an alias; `model@3` works too). */
export async function predictRows(s: Services, input: PredictInput): Promise<Scored> {
  const batch = await prepareBatch(s, input)
  const explain = input.explain !== false
  const rows = Array.from(batch.scores, (_score, i) => predictionAt(batch, i, explain))
  return {
    modelId: batch.modelId,
    version: batch.version,
    rows,
    anomalyCount: rows.filter((p) => p.is_anomaly).length,
    threshold: batch.threshold,
    scale: batch.scale,
    modelInfo: batch.modelInfo,
  }
}
