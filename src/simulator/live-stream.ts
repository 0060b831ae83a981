import { Readable } from 'node:stream'
import type { LiveListener, LiveSimulator } from './live-simulator.js'
import { NORMAL_DETAILS, type LogRecord } from './log-record.js'

export type StreamFormat = 'ndjson' | 'sse'

export interface StreamOptions {
  readonly format: StreamFormat
  /** End after this many rows. */
  readonly limit?: number | undefined
  /** End after this long. */
  readonly durationMs?: number | undefined
  /** false: every row as if normal (a blind feed for a detector); the labels stay in the simulator. */
  readonly labels: boolean
}

/** A client that stops reading loses rows beyond this much buffered text, rather than the server's memory. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024
const SSE_HEARTBEAT_MS = 15_000

/**
 * One client's view of the live simulator: NDJSON lines or server-sent
 * events, ending at `limit` rows, after `durationMs`, when the simulator
 * stops, or when the client goes away (destroying the stream unsubscribes).
 */
export function liveStream(sim: LiveSimulator, options: StreamOptions): Readable {
  let sent = 0
  let finished = false
  const timers: NodeJS.Timeout[] = []
  const stream = new Readable({
    read() {},
    destroy(err, callback) {
      finish()
      callback(err)
    },
  })
  const write = (text: string): void => {
    if (!stream.destroyed && !stream.readableEnded) stream.push(text)
  }
  const end = (reason: string): void => {
    if (finished) return
    if (options.format === 'sse') write(`event: end\ndata: ${JSON.stringify({ reason, rows: sent })}\n\n`)
    finish()
    if (!stream.destroyed) stream.push(null)
  }
  const listener: LiveListener = {
    record(r) {
      if (stream.readableLength > MAX_BUFFERED_BYTES) return
      const row: LogRecord = options.labels ? r : { ...r, anomaly_details: NORMAL_DETAILS }
      write(options.format === 'sse' ? `id: ${r.event_id}\nevent: log\ndata: ${JSON.stringify(row)}\n\n` : `${JSON.stringify(row)}\n`)
      sent++
      if (options.limit !== undefined && sent >= options.limit) end('limit')
    },
    end: (reason) => end(reason),
  }
  const unsubscribe = sim.subscribe(listener)
  function finish(): void {
    if (finished) return
    finished = true
    unsubscribe()
    for (const t of timers) clearTimeout(t)
  }
  if (options.durationMs !== undefined) timers.push(setTimeout(() => end('duration'), options.durationMs))
  if (options.format === 'sse') {
    write(': vigil simulator stream\n\n')
    const beat = setInterval(() => write(': keep-alive\n\n'), SSE_HEARTBEAT_MS)
    beat.unref()
    timers.push(beat)
  }
  return stream
}
