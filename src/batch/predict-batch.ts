import type { Readable } from 'node:stream'
import { parseModelRef, resolveVersion } from '../services/model-ref.js'
import { predictRows, type ModelInfo, type Row, type RowPrediction } from '../services/predict.js'
import type { AppServices } from '../services/services.js'
import type { BatchFormat } from './batch-encoding.js'
import { streamBatch, type BatchProducer } from './batch-stream.js'
import { createBatchSummary, type BatchSummaryFields } from './batch-summary.js'
import { withDetail, type ExplanationDetail } from './explanation-detail.js'
import type { BatchTask } from '../workers/score-batch.js'
import { writeBatchChunks } from './write-batch-chunks.js'

/** A `/predict-batch` request as the API receives it. */
export interface BatchRequest {
  readonly modelId: string
  readonly version?: number | string | undefined
  readonly data: Row[]
  readonly history?: Row[] | undefined
  readonly threshold?: number | undefined
  readonly explain?: boolean | undefined
  /** Default: 'full' below `batchStreamRows` rows, 'compact' from there on. */
  readonly detail?: ExplanationDetail | undefined
  /**
   * The body's JSON text, when the server kept it (already parsed and
   * validated into `data`): a worker parses its rows from it, which spares
   * the event loop a structured clone of every row.
   */
  readonly text?: string | undefined
  /** 'ndjson' when the client asked for `application/x-ndjson`. */
  readonly format: BatchFormat
  /** Told about a failure after the answer began (its status was already sent). */
  readonly onLateError?: ((err: unknown) => void) | undefined
}

/** The JSON answer, whole. */
export interface BatchBody {
  readonly model_id: string
  readonly version: number
  readonly predictions: BatchSummaryFields & { readonly results: (RowPrediction & { readonly index: number })[] }
  readonly model_info: ModelInfo
}

/** A small batch answered at once, or a large (or NDJSON) one as a stream of text. */
export type BatchAnswer = { readonly kind: 'whole'; readonly body: BatchBody } | { readonly kind: 'stream'; readonly contentType: string; readonly stream: Readable }

const CONTENT_TYPES: Readonly<Record<BatchFormat, string>> = { json: 'application/json; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' }

/**
 * Score a batch. Below `config.batchStreamRows` rows it is scored on the
 * event loop (a few milliseconds, less than a hand-off to a worker would
 * cost) and answered whole, or as NDJSON when asked. From there on it is
 * scored in a worker thread, ahead of waiting trainings, and the answer is
 * streamed a chunk at a time in either format, with compact explanations by
 * default: neither the event loop nor memory ever holds the whole answer.
 * Every row is checked before the answer begins, so a bad row is a 4xx.
 */
export async function predictBatch(s: AppServices, request: BatchRequest): Promise<BatchAnswer> {
  const large = request.data.length >= s.config.batchStreamRows
  const detail = request.detail ?? (large ? 'compact' : 'full')
  const input = { ...request, rows: request.data, detail, pathOf: (i: number, column: string) => `data[${i}].${column}` }
  if (!large && request.format === 'json') return { kind: 'whole', body: batchBody(await predictRows(s, input), detail, request.explain !== false) }
  const produce: BatchProducer = large ? await inWorker(s, { ...request, detail }) : (sink) => writeBatchChunks(s, input, sink)
  const { stream } = await streamBatch(request.format, produce, request.onLateError)
  return { kind: 'stream', contentType: CONTENT_TYPES[request.format], stream }
}

/** The whole JSON answer of a batch scored at once, its summary from the same `BatchSummary` a stream uses. */
export function batchBody(scored: Awaited<ReturnType<typeof predictRows>>, detail: ExplanationDetail, explained: boolean): BatchBody {
  const summary = createBatchSummary({ threshold: scored.threshold, detail: explained ? detail : undefined, scale: scored.scale })
  const results = scored.rows.map((r, index) => {
    const row = withDetail(r, detail)
    summary.add(row)
    return { index, ...row }
  })
  return { model_id: scored.modelId, version: scored.version, predictions: { ...summary.fields(), results }, model_info: scored.modelInfo }
}

/** A producer that scores in a worker thread; the version is resolved here so the worker scores exactly it. */
async function inWorker(s: AppServices, request: BatchRequest & { readonly detail: ExplanationDetail }): Promise<BatchProducer> {
  const ref = parseModelRef(request.modelId, request.version)
  const version = await resolveVersion(s.models, ref)
  const record = await s.models.readVersion(ref.modelId, version)
  const { history, threshold, explain, format, detail, text } = request
  const rows: BatchTask['rows'] = text === undefined ? { data: request.data } : { text, count: request.data.length }
  const task: BatchTask = { modelId: ref.modelId, version, createdAt: record.created_at, rows, history, threshold, explain, format, detail }
  return (sink, signal) =>
    s.pool
      .run('predict', task, {
        priority: 'high',
        signal,
        onChunk(chunk, pull) {
          if (chunk.kind === 'start') return sink.start(chunk.head)
          // a rejected write means the reader is gone: the signal stops the worker
          sink.write(chunk.bytes).then(pull, () => undefined)
        },
      })
      .then(() => undefined)
}
