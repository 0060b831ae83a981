import type { ModelInfo, RowPrediction } from '../services/predict.js'
import type { BatchSummaryFields } from './batch-summary.js'

/**
 * The two answers of /predict-batch as text, written piece by piece:
 *
 * - `json`: the same object as the whole answer, with `predictions.results`
 *   first and the summary fields after it (they are known only once every row
 *   was built): `{"model_id":…,"version":…,"predictions":{"results":[…],
 *   "total":…,…},"model_info":{…}}`.
 * - `ndjson`: one row per line (`{"index":0,…}`), then one last line, either
 *   `{"summary":{…}}` (the JSON answer without `results`) or, when scoring
 *   failed after the first line, `{"error":…,"status_code":500,…}`. A stream
 *   whose last line is not `summary` is incomplete.
 */
export type BatchFormat = 'json' | 'ndjson'

/** What is known of a batch once it passed every check, before any row is built. */
export interface BatchHead {
  readonly modelId: string
  readonly version: number
  readonly modelInfo: ModelInfo
}

/** Text before the first row. */
export function encodeStart(format: BatchFormat, head: BatchHead): string {
  if (format === 'ndjson') return ''
  return `{"model_id":${JSON.stringify(head.modelId)},"version":${head.version},"predictions":{"results":[`
}

/** Rows `first`, `first + 1`, … as text; `first` is also the position in the whole batch (a JSON array needs a comma before every row but the first). */
export function encodeRows(format: BatchFormat, rows: readonly RowPrediction[], first: number): string {
  let text = ''
  for (let k = 0; k < rows.length; k++) {
    const row = JSON.stringify({ index: first + k, ...rows[k] })
    text += format === 'ndjson' ? `${row}\n` : first + k === 0 ? row : `,${row}`
  }
  return text
}

/** Text after the last row: the summary fields and the model. */
export function encodeEnd(format: BatchFormat, head: BatchHead, summary: BatchSummaryFields): string {
  const fields = JSON.stringify(summary).slice(1, -1)
  if (format === 'json') return `]${fields === '' ? '' : `,${fields}`}},"model_info":${JSON.stringify(head.modelInfo)}}`
  return `${JSON.stringify({ summary: { model_id: head.modelId, version: head.version, predictions: summary, model_info: head.modelInfo } })}\n`
}

/** The last NDJSON line of a stream whose scoring failed after its first row was sent. */
export function encodeFailure(message: string): string {
  return `${JSON.stringify({ error: message, status_code: 500 })}\n`
}
