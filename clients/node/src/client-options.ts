/** Why events were dropped, as onDrop reports it. */
export type DropReason =
  /** The buffer was full; the oldest events made room for new ones. */
  | 'overflow'
  /** Their batch failed `maxAttempts` times (no answer, timeout, 5xx). */
  | 'failed'
  /** Vigil refused their batch with a 4xx other than 429 (an unknown monitor, a bad body...). */
  | 'refused'
  /** JSON.stringify could not write them (a BigInt, a cycle). */
  | 'unserialisable'
  /** They were still held when close() ran out of time (events sent after close() are only counted, in dropped_closed). */
  | 'closed'

export interface DropReport {
  readonly reason: DropReason
  readonly events: number
}

/** One failed request to Vigil, as onError reports it. */
export interface DeliveryError {
  /** HTTP status, or null when there was no answer (refused, reset, timeout). */
  readonly status: number | null
  readonly message: string
  /** Attempt number of this batch, from 1. */
  readonly attempt: number
  /** Events in the batch. */
  readonly events: number
  /** False when the batch is dropped after this failure. */
  readonly willRetry: boolean
}

export interface VigilClientOptions {
  /** Vigil's base URL, e.g. `http://vigil:8000` (a path prefix behind a proxy is kept). */
  readonly url: string
  /** The monitor to feed: POST {url}/monitors/{monitor}/events. */
  readonly monitor: string
  /** Sent as `Authorization: Bearer <apiKey>`, for a Vigil behind an authenticating proxy. */
  readonly apiKey?: string
  /** Most events held waiting; when full the oldest is dropped (counted). Default 10,000. */
  readonly maxBuffer?: number
  /** Most events per request; a full batch is sent at once. Default 500. */
  readonly batchSize?: number
  /** Whatever waits is sent at least this often. Default 1,000 ms. */
  readonly flushIntervalMs?: number
  /** Deadline of one request, answer included. Default 2,000 ms. */
  readonly timeoutMs?: number
  /** Attempts of one batch (no answer, timeout, 5xx) before it is dropped (counted). Default 5. */
  readonly maxAttempts?: number
  /** Longest wait between failed attempts; the wait doubles from 500 ms up to it, with jitter. Default 30,000 ms. */
  readonly maxBackoffMs?: number
  /** Told of dropped events, off the request path (overflow drops are summed and reported at most once per flush interval). */
  readonly onDrop?: (drop: DropReport) => void
  /** Told of each failed request. Nothing is logged otherwise. */
  readonly onError?: (error: DeliveryError) => void
}

export interface ClientSettings {
  readonly endpoint: string
  readonly headers: Readonly<Record<string, string>>
  readonly maxBuffer: number
  readonly batchSize: number
  readonly flushIntervalMs: number
  readonly timeoutMs: number
  readonly maxAttempts: number
  readonly baseBackoffMs: number
  readonly maxBackoffMs: number
  /** Longest pause a Retry-After can impose: a proxy's absurd value must not silence the client for a day. */
  readonly maxRetryAfterMs: number
  readonly onDrop: ((drop: DropReport) => void) | undefined
  readonly onError: ((error: DeliveryError) => void) | undefined
}

/** Vigil's monitor names: 1 to 64 letters, digits, _ or -. */
const MONITOR_NAME = /^[A-Za-z0-9_-]{1,64}$/
const BASE_BACKOFF_MS = 500
const MAX_RETRY_AFTER_MS = 300_000

/**
 * Options with their defaults, checked once when the client is created (at
 * the service's start, where a mistake should stop it), never in send().
 */
export function resolveOptions(options: VigilClientOptions): ClientSettings {
  let base: URL
  try {
    base = new URL(options.url)
  } catch {
    throw new TypeError(`vigil client: url must be an absolute http(s) URL; got ${JSON.stringify(options.url)}`)
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError(`vigil client: url must be http or https; got ${JSON.stringify(options.url)}`)
  if (typeof options.monitor !== 'string' || !MONITOR_NAME.test(options.monitor)) {
    throw new TypeError(`vigil client: monitor must be 1 to 64 letters, digits, _ or -; got ${JSON.stringify(options.monitor)}`)
  }
  const maxBuffer = integer('maxBuffer', options.maxBuffer, 10_000, 1, 10_000_000)
  const batchSize = integer('batchSize', options.batchSize, Math.min(500, maxBuffer), 1, maxBuffer)
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`
  // keep a path prefix: new URL('monitors/..', 'http://h/vigil') would drop 'vigil'
  const prefix = base.href.endsWith('/') ? base.href : `${base.href}/`
  return {
    endpoint: new URL(`monitors/${options.monitor}/events`, prefix).href,
    headers,
    maxBuffer,
    batchSize,
    flushIntervalMs: integer('flushIntervalMs', options.flushIntervalMs, 1000, 1, 3_600_000),
    timeoutMs: integer('timeoutMs', options.timeoutMs, 2000, 1, 600_000),
    maxAttempts: integer('maxAttempts', options.maxAttempts, 5, 1, 1000),
    baseBackoffMs: BASE_BACKOFF_MS,
    maxBackoffMs: integer('maxBackoffMs', options.maxBackoffMs, 30_000, BASE_BACKOFF_MS, 3_600_000),
    maxRetryAfterMs: MAX_RETRY_AFTER_MS,
    onDrop: hook('onDrop', options.onDrop),
    onError: hook('onError', options.onError),
  }
}

function integer(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`vigil client: ${name} must be an integer from ${min} to ${max}; got ${JSON.stringify(value)}`)
  }
  return value
}

function hook<T extends (arg: never) => void>(name: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== 'function') throw new TypeError(`vigil client: ${name} must be a function; got ${typeof value}`)
  return value
}
