import { predictionAt, prepareBatch, type PredictInput, type RowPrediction } from '../services/predict.js'
import type { Services } from '../services/services.js'
import { encodeEnd, encodeRows, encodeStart, type BatchFormat, type BatchHead } from './batch-encoding.js'
import { createBatchSummary } from './batch-summary.js'
import { withDetail, type ExplanationDetail } from './explanation-detail.js'

/** Where the text of a batch answer goes, a chunk at a time. */
export interface ChunkSink {
  /** Every row passed every check: the answer (status 200) may begin. Called once, before any `write`. */
  start(head: BatchHead): void
  /** The next piece of the answer (text, or text encoded as UTF-8); resolves when the reader is ready for more. */
  write(text: string | Uint8Array): Promise<void>
}

export interface ChunkedBatchInput extends PredictInput {
  readonly format: BatchFormat
  readonly detail: ExplanationDetail
}

/**
 * Rows per chunk: about 0.3 MB of compact (1.5 MB of full) explained text on
 * a ten-input model, and a few hundred milliseconds of explaining.
 */
export const CHUNK_ROWS = 500

/**
 * Score a batch and write its answer in chunks: every check and every score
 * first (`prepareBatch`, which throws the 4xx of a bad row before anything is
 * written), then `start`, then the rows `CHUNK_ROWS` at a time, each
 * explained only when its turn comes, and last the summary fields,
 * accumulated on the way. Holds one chunk of built rows at a time.
 */
export async function writeBatchChunks(s: Services, input: ChunkedBatchInput, sink: ChunkSink, chunkRows = CHUNK_ROWS): Promise<void> {
  const batch = await prepareBatch(s, input)
  const head: BatchHead = { modelId: batch.modelId, version: batch.version, modelInfo: batch.modelInfo }
  const explain = input.explain !== false
  const summary = createBatchSummary({ threshold: batch.threshold, detail: explain ? input.detail : undefined, scale: batch.scale })
  sink.start(head)
  let text = encodeStart(input.format, head)
  const n = batch.scores.length
  for (let first = 0; first < n; first += chunkRows) {
    const rows: RowPrediction[] = []
    for (let i = first; i < Math.min(n, first + chunkRows); i++) {
      const row = withDetail(predictionAt(batch, i, explain), input.detail)
      summary.add(row)
      rows.push(row)
    }
    text += encodeRows(input.format, rows, first)
    await sink.write(text)
    text = ''
  }
  await sink.write(text + encodeEnd(input.format, head, summary.fields()))
}
