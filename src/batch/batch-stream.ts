import { Readable } from 'node:stream'
import { VigilError } from '../errors.js'
import { encodeFailure, type BatchFormat, type BatchHead } from './batch-encoding.js'
import type { ChunkSink } from './write-batch-chunks.js'

/** Writes a batch answer into a sink; rejects when scoring fails. Must stop when `signal` aborts (the client left). */
export type BatchProducer = (sink: ChunkSink, signal: AbortSignal) => Promise<void>

export interface StreamedBatch {
  readonly head: BatchHead
  /** The answer's text; read it to let the producer go on. */
  readonly stream: Readable
}

/** Said in place of an internal error's own text, which may name server paths (the log has it). */
const HIDDEN = 'internal error while scoring; the server log has the details'

/**
 * Run a producer behind a Readable, with backpressure: the producer's next
 * `write` resolves only once the reader has taken the text before it, so at
 * most one chunk waits in memory. Resolves when the producer calls `start`
 * (every check passed); a failure before that rejects, so a bad request is
 * still an ordinary 4xx. A failure after it cannot change the status any
 * more, so it ends the answer visibly: JSON aborts the connection (the body
 * is cut short of its closing bracket and the chunked transfer has no final
 * chunk, which HTTP clients report as an error); NDJSON writes a last line
 * `{"error": …, "status_code": 500}` in place of the `summary` line and ends.
 * `onLateError` hears about such failures (for the log). Destroying the
 * stream (the client went away) aborts the producer.
 */
export function streamBatch(format: BatchFormat, produce: BatchProducer, onLateError: (err: unknown) => void = () => undefined): Promise<StreamedBatch> {
  const controller = new AbortController()
  /** Writes whose text the reader has not taken yet (a worker may send a few ahead). */
  let waiting: { resolve(): void; reject(err: unknown): void }[] = []
  const stream = new Readable({
    read() {
      const ready = waiting
      waiting = []
      for (const w of ready) w.resolve()
    },
    destroy(err, callback) {
      const reason = err ?? new Error('the client closed the connection before the batch answer was complete')
      controller.abort(reason)
      const gone = waiting
      waiting = []
      for (const w of gone) w.reject(reason)
      callback(err)
    },
  })
  const sink = (started: (head: BatchHead) => void): ChunkSink => ({
    start: started,
    write(text) {
      if (stream.destroyed) return Promise.reject(controller.signal.reason)
      if (text.length === 0 || stream.push(typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength))) return Promise.resolve()
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject })
      })
    },
  })
  return new Promise((resolve, reject) => {
    let started = false
    const onStart = (head: BatchHead): void => {
      started = true
      resolve({ head, stream })
    }
    produce(sink(onStart), controller.signal).then(
      () => {
        if (!started) reject(new Error('the batch producer finished without starting an answer'))
        else if (!stream.destroyed) stream.push(null)
      },
      (err: unknown) => {
        if (!started) return reject(err)
        if (stream.destroyed) return
        onLateError(err)
        if (format === 'json') {
          stream.destroy(err instanceof Error ? err : new Error(String(err)))
          return
        }
        stream.push(encodeFailure(err instanceof VigilError && err.statusCode < 500 ? err.message : HIDDEN))
        stream.push(null)
      },
    )
  })
}
