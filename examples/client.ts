/**
 * A tiny typed client for the Vigil REST API over the global fetch: one
 * method per endpoint the examples use. Responses are typed with only the
 * fields the examples read; see /docs on a running server for the rest.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'

export const DEFAULT_URL = 'http://localhost:8000'

/** One record to score: column name → value. */
export type Row = Record<string, number | string | boolean | null>

export interface TrainRequest {
  algorithm?: string
  contamination?: number
  target_column?: string
  feature_columns?: string[]
  label_column?: string
  params?: Record<string, unknown>
  random_state?: number
  model_id?: string
}

/** Retraining changes only what it names; the rest comes from the version retrained from. */
export type RetrainRequest = Omit<TrainRequest, 'model_id'>

export interface Column {
  name: string
  type: string
  kind: string
}

export interface Dataset {
  dataset_id: string
  original_name: string
  format: string
  rows: number
  columns: Column[]
  sha256: string
  message: string
}

export interface Evaluation {
  roc_auc: number | null
  pr_auc: number | null
  precision: number
  recall: number
  f1: number
  alert_rate: number
  confusion_matrix: { tp: number; fp: number; tn: number; fn: number }
  labelled_rows: number
  positives: number
  /** The threshold that maximises F1 on the held-out rows, and that F1. */
  recommended_threshold: number | null
  recommended_f1: number | null
}

export interface TrainingStats {
  n_samples: number
  n_features: number
  anomaly_count: number
  anomaly_rate: number
  threshold: number
  /** contamination, auto, f1, f<beta>, recall, alert_rate or manual. */
  threshold_method: string
  training_time_ms: number
  evaluation?: Evaluation
}

export interface Model {
  model_id: string
  version: number
  algorithm: string
  status: string
  dataset_id: string
  contamination: number
  target_column: string | null
  feature_columns: string[]
  label_column: string | null
  training_stats: TrainingStats
  versions: number[]
  latest_version: number
  loaded: boolean
  created_at: string
}

export interface ModelSummary {
  model_id: string
  algorithm: string
  latest_version: number
  version_count: number
  dataset_id: string
  feature_columns: string[]
  training_stats: { n_samples: number; anomaly_rate: number; threshold: number }
}

export interface ModelList {
  models: ModelSummary[]
  count: number
}

export interface Prediction {
  is_anomaly: boolean
  anomaly_score: number
  anomaly_probability: number
  anomaly_threshold: number
  score_percentile: number
  missing_features: string[]
}

export interface ModelInfo {
  model_id: string
  version: number
  algorithm: string
  training_samples: number
  features_used_count: number
  features_found_in_event: number
}

export interface PredictResult {
  model_id: string
  version: number
  prediction: Prediction
  model_info: ModelInfo
}

export interface BatchResult {
  model_id: string
  version: number
  predictions: {
    total: number
    anomaly_count: number
    anomaly_rate: number
    anomaly_threshold: number
    results: (Prediction & { index: number })[]
  }
  model_info: ModelInfo
}

export interface Loaded {
  model_id: string
  version: number
  loaded: true
  already_loaded: boolean
  load_time_ms: number
  cached_models: string[]
}

export interface Combined {
  model_id: string
  combined_dataset_id: string
  source_dataset_ids: string[]
  /** The version whose training data was combined. */
  base_version: number
  rows: number
  /** 002's counts: rows of the model's data and of the new dataset. */
  original_records: number
  new_records: number
  message: string
}

export interface ModelDeleted {
  model_id: string
  deleted: true
  versions_deleted: number
}

export interface DatasetDeleted {
  dataset_id: string
  deleted: true
}

/** A non-2xx answer: the server's `error` sentence, its status, and the field it names (if any). */
export class VigilApiError extends Error {
  override readonly name = 'VigilApiError'

  constructor(
    readonly status: number,
    readonly error: string,
    readonly field: string | undefined,
    readonly body: unknown,
  ) {
    super(`${status}: ${error}`)
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The body as JSON; a body that is not JSON (a proxy's error page, say) stays text. */
function parseJson(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/**
 * Narrow parsed JSON to `T`: checks that it is an object with the `required`
 * top-level keys, then trusts the server (which validates its own responses
 * against its OpenAPI schemas) for the rest.
 */
function expect<T>(value: unknown, required: readonly (keyof T & string)[], what: string): T {
  if (!isRecord(value)) throw new TypeError(`${what}: expected a JSON object, got ${JSON.stringify(value)}`)
  const missing = required.filter((key) => !(key in value))
  if (missing.length > 0) throw new TypeError(`${what}: response lacks ${missing.join(', ')}`)
  return value as T
}

export class VigilClient {
  readonly baseUrl: string

  constructor(baseUrl: string = process.env.VIGIL_URL ?? DEFAULT_URL) {
    this.baseUrl = baseUrl.replace(/\/+$/, '')
  }

  /**
   * Send a request; return the parsed JSON of a 2xx answer, throw VigilApiError otherwise.
   * Public for the endpoints this client does not wrap (monitors, simulator feeds, incidents).
   */
  async request(method: string, route: string, body?: object | FormData): Promise<unknown> {
    const init: RequestInit = { method }
    if (body instanceof FormData) init.body = body // fetch sets the multipart boundary itself
    else if (body !== undefined) {
      init.body = JSON.stringify(body)
      init.headers = { 'content-type': 'application/json' }
    }
    let response: Response
    try {
      response = await fetch(`${this.baseUrl}${route}`, init)
    } catch (err) {
      const reason = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err)
      throw new Error(`cannot reach Vigil at ${this.baseUrl} (${reason}); start it with \`npm start\` or set VIGIL_URL`, { cause: err })
    }
    const text = await response.text()
    const json = parseJson(text)
    if (!response.ok) {
      const error = isRecord(json) && typeof json.error === 'string' ? json.error : text || response.statusText
      const field = isRecord(json) && typeof json.field === 'string' ? json.field : undefined
      throw new VigilApiError(response.status, error, field, json)
    }
    return json
  }

  /** POST /upload-dataset: the file at `file` as the multipart field `file`. */
  async uploadDataset(file: string): Promise<Dataset> {
    const form = new FormData()
    form.append('file', new Blob([await readFile(file)], { type: 'text/csv' }), path.basename(file))
    return expect<Dataset>(await this.request('POST', '/upload-dataset', form), ['dataset_id', 'rows', 'columns'], 'upload')
  }

  /** POST /train/{dataset_id} */
  async train(datasetId: string, body: TrainRequest = {}): Promise<Model> {
    return expect<Model>(await this.request('POST', `/train/${encodeURIComponent(datasetId)}`, body), ['model_id', 'training_stats'], 'train')
  }

  /** POST /predict: score one row. */
  async predict(modelId: string, data: Row): Promise<PredictResult> {
    return expect<PredictResult>(await this.request('POST', '/predict', { model_id: modelId, data }), ['prediction', 'model_info'], 'predict')
  }

  /** POST /predict-batch: score many rows. */
  async predictBatch(modelId: string, rows: Row[]): Promise<BatchResult> {
    return expect<BatchResult>(await this.request('POST', '/predict-batch', { model_id: modelId, data: rows }), ['predictions', 'model_info'], 'predict-batch')
  }

  /** GET /models/{model_id} (also `id@version` or `id@alias`). */
  async getModel(modelId: string): Promise<Model> {
    return expect<Model>(await this.request('GET', `/models/${encodeURIComponent(modelId)}`), ['model_id', 'training_stats'], 'model')
  }

  /** GET /models */
  async listModels(): Promise<ModelList> {
    return expect<ModelList>(await this.request('GET', '/models'), ['models', 'count'], 'models')
  }

  /** POST /models/{model_id}/load: bring a model into the in-memory cache. */
  async loadModel(modelId: string): Promise<Loaded> {
    return expect<Loaded>(await this.request('POST', `/models/${encodeURIComponent(modelId)}/load`), ['loaded', 'load_time_ms'], 'load')
  }

  /** POST /models/{model_id}/retrain/{dataset_id}: a new version on another dataset. */
  async retrain(modelId: string, datasetId: string, body: RetrainRequest = {}): Promise<Model> {
    const route = `/models/${encodeURIComponent(modelId)}/retrain/${encodeURIComponent(datasetId)}`
    return expect<Model>(await this.request('POST', route, body), ['model_id', 'version', 'training_stats'], 'retrain')
  }

  /** POST /models/{model_id}/combine/{dataset_id}: stack the model's training data and another dataset. */
  async combine(modelId: string, datasetId: string): Promise<Combined> {
    const route = `/models/${encodeURIComponent(modelId)}/combine/${encodeURIComponent(datasetId)}`
    return expect<Combined>(await this.request('POST', route), ['combined_dataset_id', 'rows'], 'combine')
  }

  /** DELETE /models/{model_id}: the model and all its versions. */
  async deleteModel(modelId: string): Promise<ModelDeleted> {
    return expect<ModelDeleted>(await this.request('DELETE', `/models/${encodeURIComponent(modelId)}`), ['deleted'], 'delete model')
  }

  /** DELETE /datasets/{dataset_id} */
  async deleteDataset(datasetId: string): Promise<DatasetDeleted> {
    return expect<DatasetDeleted>(await this.request('DELETE', `/datasets/${encodeURIComponent(datasetId)}`), ['deleted'], 'delete dataset')
  }
}
