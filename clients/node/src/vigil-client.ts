import { backoffDelay } from './backoff.js'
import { type DeliveryError, type DropReason, resolveOptions, type VigilClientOptions } from './client-options.js'
import { type ClientStats, createCounters, settled, snapshot } from './client-stats.js'
import { postBatch } from './post-batch.js'
import type { RequestEvent } from './request-event.js'
import { RingBuffer } from './ring-buffer.js'
import { serialiseBatch } from './serialise-batch.js'

export interface VigilClient<E extends object = RequestEvent> {
  /**
   * Queues one event and returns at once: O(1), no I/O, no serialisation,
   * never throws. Do not change the object afterwards: it is serialised
   * when its batch is sent.
   */
  send(event: E): void
  /** The counters, at this moment. */
  stats(): ClientStats
  /**
   * Sends everything queued so far, partial batches included, and resolves
   * once it is delivered or dropped, or after `timeoutMs` (default 5,000)
   * with the rest still queued. Never rejects.
   */
  flush(timeoutMs?: number): Promise<ClientStats>
  /**
   * For graceful shutdown: refuses new events (counted in dropped_closed),
   * sends what is queued for up to `timeoutMs` (default 5,000), then cancels
   * the request in flight and drops what is left (counted). Never rejects.
   */
  close(timeoutMs?: number): Promise<ClientStats>
}

/** The batch being sent: serialised once, kept across its attempts. */
interface Batch {
  readonly body: string
  readonly count: number
  attempts: number
}

interface Waiter {
  readonly target: number
  readonly resolve: () => void
}

const DEFAULT_WAIT_MS = 5000

/**
 * A fire-and-forget feed of request events into a Vigil monitor, built so
 * that Vigil being down, slow or full never harms the service that sends
 * (seed 003 §3.1, §3.2): send() only stores a reference in a bounded ring
 * buffer; one background loop serialises batches and posts them, one request
 * at a time, each with a deadline; failures back off, 429 pauses, and what
 * cannot be kept is dropped oldest-first and counted.
 */
export function createVigilClient<E extends object = RequestEvent>(options: VigilClientOptions): VigilClient<E> {
  const settings = resolveOptions(options)
  const buffer = new RingBuffer<E>(settings.maxBuffer)
  const counts = createCounters()
  const cancel = new AbortController()
  const waiters = new Set<Waiter>()
  /** Events moved from the buffer into batches. */
  let taken = 0
  /** Events numbered below this (in send order) go out even in a partial batch: set by the interval, flush() and close(). */
  let drainUpTo = 0
  let batch: Batch | undefined
  let running = false
  let pumpDone: Promise<void> = Promise.resolve()
  let kickPending = false
  /** Consecutive requests that failed or were told to wait; drives the backoff. */
  let failures = 0
  /** No request before this time (a Retry-After, or the backoff after a failure). */
  let resumeAt = 0
  let overflowUnreported = 0
  let closing = false
  let stopped = false
  let closeDone: Promise<void> | undefined
  let wakeSleeper: (() => void) | undefined

  /** Events that have left the buffer, by overflow or into a batch: the next one out has this number. */
  const leftBuffer = (): number => counts.dropped_overflow + taken

  const callHook = <T>(hook: ((arg: T) => void) | undefined, arg: T): void => {
    if (hook === undefined) return
    try {
      const result: unknown = hook(arg)
      // an async hook that rejects must not become an unhandled rejection in the service
      if (result instanceof Promise) result.catch(() => undefined)
    } catch {
      // a throwing hook is the hook's problem, never the service's
    }
  }
  const dropped = (reason: DropReason, events: number): void => callHook(settings.onDrop, { reason, events })
  const failed = (error: DeliveryError): void => callHook(settings.onError, error)
  const reportOverflow = (): void => {
    if (overflowUnreported === 0) return
    const events = overflowUnreported
    overflowUnreported = 0
    dropped('overflow', events)
  }

  const settleWaiters = (): void => {
    const done = settled(counts)
    for (const waiter of waiters) if (stopped || done >= waiter.target) waiter.resolve()
  }
  /** Resolves once `target` events have settled, or after `timeoutMs`. */
  const waitSettled = (target: number, timeoutMs: number): Promise<void> =>
    new Promise((resolve) => {
      // referenced on purpose: a caller awaiting flush or close keeps its process up this long at most
      const timer = setTimeout(() => finish(), timeoutMs)
      const waiter: Waiter = { target, resolve: () => finish() }
      const finish = (): void => {
        clearTimeout(timer)
        waiters.delete(waiter)
        resolve()
      }
      waiters.add(waiter)
      settleWaiters()
    })

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer)
        wakeSleeper = undefined
        resolve()
      }
      const timer = setTimeout(wake, ms)
      timer.unref()
      wakeSleeper = wake
    })

  const nextBatch = (): Batch | undefined => {
    const events = buffer.take(settings.batchSize)
    taken += events.length
    const { body, count, unserialisable } = serialiseBatch(events)
    if (unserialisable > 0) {
      counts.dropped_failed += unserialisable
      dropped('unserialisable', unserialisable)
    }
    return count > 0 ? { body, count, attempts: 0 } : undefined
  }

  const deliver = async (current: Batch): Promise<void> => {
    const outcome = await postBatch({ url: settings.endpoint, body: current.body, headers: settings.headers, timeoutMs: settings.timeoutMs, signal: cancel.signal })
    const now = Date.now()
    switch (outcome.kind) {
      case 'accepted':
        counts.sent += current.count
        counts.rejected += outcome.rejected
        batch = undefined
        failures = 0
        return
      case 'busy': {
        // Vigil asked us to wait: keep the batch (it does not use up an attempt) and pause; events keep buffering meanwhile
        counts.retries_after++
        failures++
        const pause = outcome.retryAfterMs ?? backoffDelay(failures, settings.baseBackoffMs, settings.maxBackoffMs)
        resumeAt = now + Math.min(pause, settings.maxRetryAfterMs)
        return
      }
      case 'failed': {
        // cancelled by close(): close() accounts for the batch
        if (stopped) return
        counts.failed_requests++
        failures++
        current.attempts++
        const willRetry = current.attempts < settings.maxAttempts
        failed({ status: outcome.status, message: outcome.message, attempt: current.attempts, events: current.count, willRetry })
        if (!willRetry) {
          counts.dropped_failed += current.count
          batch = undefined
          dropped('failed', current.count)
        }
        // back off even after dropping: the next batch would meet the same Vigil
        resumeAt = now + backoffDelay(failures, settings.baseBackoffMs, settings.maxBackoffMs)
        return
      }
      case 'refused':
        // Vigil answered and said no: the same batch would be refused again, and Vigil is up, so no backoff
        counts.failed_requests++
        current.attempts++
        failures = 0
        failed({ status: outcome.status, message: outcome.message, attempt: current.attempts, events: current.count, willRetry: false })
        counts.dropped_failed += current.count
        batch = undefined
        dropped('refused', current.count)
        return
    }
  }

  const pump = async (): Promise<void> => {
    running = true
    try {
      while (!stopped) {
        reportOverflow()
        const wait = resumeAt - Date.now()
        if (wait > 0) {
          await sleep(wait)
          continue
        }
        if (batch === undefined) {
          const due = buffer.length >= settings.batchSize || (buffer.length > 0 && leftBuffer() < drainUpTo)
          if (!due) break
          batch = nextBatch()
          if (batch === undefined) continue
        }
        await deliver(batch)
        settleWaiters()
      }
    } catch {
      // nothing above throws by design; if it ever does, stop this round and let the next tick start another
    } finally {
      running = false
      settleWaiters()
    }
  }

  const kick = (): void => {
    if (running || stopped) return
    pumpDone = pump()
  }
  const kickSoon = (): void => {
    kickPending = false
    kick()
  }

  const interval = setInterval(() => {
    reportOverflow()
    settleWaiters()
    if (buffer.length === 0) return
    drainUpTo = Math.max(drainUpTo, counts.received)
    kick()
  }, settings.flushIntervalMs)
  // the client must never be what keeps the service's process alive
  interval.unref()

  return {
    send(event) {
      try {
        counts.received++
        if (closing) {
          counts.dropped_closed++
          return
        }
        if (buffer.push(event)) {
          counts.dropped_overflow++
          overflowUnreported++
        }
        if (buffer.length >= settings.batchSize && !running && !kickPending) {
          // start sending on a later turn of the event loop, never inside the caller's handler
          // (left referenced: it runs once, so at most it lets a full batch start before the process ends)
          kickPending = true
          setImmediate(kickSoon)
        }
      } catch {
        // send() never throws into the service
      }
    },
    stats: () => snapshot(counts),
    async flush(timeoutMs = DEFAULT_WAIT_MS) {
      const target = counts.received
      drainUpTo = Math.max(drainUpTo, target)
      kick()
      await waitSettled(target, timeoutMs)
      return snapshot(counts)
    },
    async close(timeoutMs = DEFAULT_WAIT_MS) {
      if (closeDone === undefined) {
        closing = true
        clearInterval(interval)
        closeDone = (async () => {
          const target = counts.received
          drainUpTo = target
          kick()
          await waitSettled(target, timeoutMs)
          stopped = true
          cancel.abort()
          wakeSleeper?.()
          await pumpDone
          const left = buffer.clear() + (batch?.count ?? 0)
          batch = undefined
          reportOverflow()
          if (left > 0) {
            counts.dropped_closed += left
            dropped('closed', left)
          }
          settleWaiters()
        })()
      }
      await closeDone
      return snapshot(counts)
    },
  }
}
