import type { BatchFormat } from '../batch/batch-encoding.js'
import type { ExplanationDetail } from '../batch/explanation-detail.js'
import { writeBatchChunks, type ChunkSink } from '../batch/write-batch-chunks.js'
import type { LoadedModel } from '../services/load-model.js'
import type { Row } from '../services/predict.js'
import type { Services } from '../services/services.js'
import { createModelStore } from '../store/model-store.js'
import type { BatchHead } from '../batch/batch-encoding.js'

/** A large `/predict-batch` request, sent to a worker once the version is resolved. */
export interface BatchTask {
  readonly modelId: string
  readonly version: number
  /** The version record's `created_at`: a cached model of a deleted and re-created id is never reused. */
  readonly createdAt: string
  /** The rows, or the request body's JSON text to read them from (one string copy instead of a clone of every row). */
  readonly rows: { readonly data: Row[] } | { readonly text: string; readonly count: number }
  readonly history?: Row[] | undefined
  readonly threshold?: number | undefined
  readonly explain?: boolean | undefined
  readonly format: BatchFormat
  readonly detail: ExplanationDetail
}

/** What a batch task posts while it runs: the head once every row passed its checks, then the answer's text as UTF-8. */
export type BatchChunk = { readonly kind: 'start'; readonly head: BatchHead } | { readonly kind: 'bytes'; readonly bytes: Uint8Array }

/** The task's result: everything went out as chunks. */
export type BatchResult = null

/**
 * Score a batch in a worker, through the same `writeBatchChunks` the event
 * loop uses for small streamed batches: the answer leaves as text chunks, so
 * the main thread never builds or serialises a row.
 */
export async function scoreBatch(base: Services, modelsRoot: string, task: BatchTask, sink: ChunkSink): Promise<BatchResult> {
  const key = `${task.modelId}@${task.version}`
  const cached: LoadedModel | undefined = base.cache.get(key)
  if (cached && cached.record.created_at !== task.createdAt) base.cache.deletePrefix(`${task.modelId}@`)
  // a fresh store per batch: its version lists are read from disk, never stale
  const s: Services = { ...base, models: await createModelStore(modelsRoot) }
  await writeBatchChunks(
    s,
    {
      modelId: task.modelId,
      version: task.version,
      rows: 'data' in task.rows ? task.rows.data : rowsOf(task.rows.text, task.rows.count),
      history: task.history,
      threshold: task.threshold,
      explain: task.explain,
      format: task.format,
      detail: task.detail,
      pathOf: (i, column) => `data[${i}].${column}`,
    },
    sink,
  )
  return null
}

/**
 * The rows of a batch body the main thread already parsed and validated:
 * the same text parses to the same rows. The validator wraps a lone object
 * in `data` into an array (`coerceTypes: 'array'`), so this does too; the
 * count guards against text that is not the body that was validated.
 */
function rowsOf(text: string, count: number): Row[] {
  const data = (JSON.parse(text) as { data?: unknown }).data
  const rows = (Array.isArray(data) ? data : [data]) as Row[]
  if (rows.length !== count) throw new Error(`the batch text holds ${rows.length} rows, but ${count} were validated`)
  return rows
}
