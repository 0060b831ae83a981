/**
 * What the client has done with the events it was given. Every event passed
 * to send() is in exactly one place, so at any moment:
 *   received = queued + sent + dropped_overflow + dropped_failed + dropped_closed
 */
export interface ClientStats {
  /** Events passed to send() since the client was created. */
  readonly received: number
  /** Events held now: waiting in the buffer or in the batch being sent. */
  readonly queued: number
  /** Events in batches Vigil accepted (2xx). */
  readonly sent: number
  /** Of `sent`, events Vigil refused one by one (no timestamp, a status that is not an HTTP code...). */
  readonly rejected: number
  /** Oldest events overwritten because the buffer was full (Vigil away, slow or pausing us). */
  readonly dropped_overflow: number
  /** Events given up on: their batch failed `maxAttempts` times, was refused with a 4xx, or could not be written as JSON. */
  readonly dropped_failed: number
  /** Events sent after close(), or still held when close() ran out of time. */
  readonly dropped_closed: number
  /** Requests that did not end in a 2xx or 429: no answer, timeout, 5xx, 4xx. */
  readonly failed_requests: number
  /** 429 answers: each paused sending for its Retry-After. */
  readonly retries_after: number
}

/** The counters behind ClientStats (`queued` is derived, never counted). */
export type Counters = { -readonly [K in Exclude<keyof ClientStats, 'queued'>]: number }

export function createCounters(): Counters {
  return { received: 0, sent: 0, rejected: 0, dropped_overflow: 0, dropped_failed: 0, dropped_closed: 0, failed_requests: 0, retries_after: 0 }
}

/** Events that have left the client for good, delivered or dropped. */
export function settled(c: Counters): number {
  return c.sent + c.dropped_overflow + c.dropped_failed + c.dropped_closed
}

export function snapshot(c: Counters): ClientStats {
  return { ...c, queued: c.received - settled(c) }
}
