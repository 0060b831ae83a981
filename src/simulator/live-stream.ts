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

const SSE_HEARTBEAT_MS = 15_000

/**
 * Each row as each stream variant sends it, encoded once into bytes that
 * every stream of the variant shares (a pushed Buffer is queued by
 * reference: 300 readers hold one copy of a row, not 300).
 */
const encoded = new WeakMap<LogRecord, Map<string, Buffer>>()

function encode(r: LogRecord, options: Pick<StreamOptions, 'format' | 'labels'>): Buffer {
  const variant = `${options.format}:${options.labels}`
  let texts = encoded.get(r)
  const cached = texts?.get(variant)
  if (cached !== undefined) return cached
  const row: LogRecord = options.labels ? r : { ...r, anomaly_details: NORMAL_DETAILS }
  const text = Buffer.from(options.format === 'sse' ? `id: ${r.event_id}\nevent: log\ndata: ${JSON.stringify(row)}\n\n` : `${JSON.stringify(row)}\n`)
  if (texts === undefined) {
    texts = new Map()
    encoded.set(r, texts)
  }
  texts.set(variant, text)
  return text
}

/** Why a reader was disconnected. */
export class StalledReaderError extends Error {}

/**
 * One client's view of the live simulator: NDJSON lines or server-sent
 * events, ending at `limit` rows, after `durationMs`, when the simulator
 * stops, or when the client goes away (destroying the stream unsubscribes).
 * A client that does not read costs at most `streamBufferBytes` of buffered
 * text (the simulator's limits): rows beyond it are dropped, and once its
 * buffer has stayed full for `stallTimeoutMs` the stream is destroyed, which
 * closes the connection and frees the slot. Subscribing beyond `maxStreams`
 * throws a 429.
 */
export function liveStream(sim: LiveSimulator, options: StreamOptions): Readable {
  const { streamBufferBytes, stallTimeoutMs } = sim.limits
  let sent = 0
  let dropped = 0
  let fullSince: number | undefined
  let finished = false
  const timers: NodeJS.Timeout[] = []
  const stream = new Readable({
    read() {},
    destroy(err, callback) {
      finish()
      callback(err)
    },
  })
  /** The reader's buffer is full: once it has been for `stallTimeoutMs`, the reader is disconnected. */
  const full = (): void => {
    const now = Date.now()
    fullSince ??= now
    if (now - fullSince >= stallTimeoutMs) {
      stream.destroy(new StalledReaderError(`simulator stream reader stalled: its ${streamBufferBytes}-byte buffer stayed full for ${stallTimeoutMs} ms; disconnected`))
    }
  }
  const hasRoom = (length: number): boolean => {
    if (stream.destroyed || stream.readableEnded) return false
    if (stream.readableLength + length <= streamBufferBytes) {
      fullSince = undefined
      return true
    }
    full()
    return false
  }
  /** False when the text was dropped because the reader's buffer is full. */
  const write = (text: string | Buffer): boolean => {
    if (!hasRoom(text.length)) return false
    stream.push(text)
    return true
  }
  const end = (reason: string): void => {
    if (finished) return
    if (options.format === 'sse') write(`event: end\ndata: ${JSON.stringify({ reason, rows: sent, dropped })}\n\n`)
    finish()
    if (!stream.destroyed) stream.push(null)
  }
  const listener: LiveListener = {
    record(r) {
      // a full buffer drops the row before it is encoded
      if (stream.readableLength >= streamBufferBytes) {
        full()
        dropped++
        return
      }
      if (!write(encode(r, options))) {
        dropped++
        return
      }
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
