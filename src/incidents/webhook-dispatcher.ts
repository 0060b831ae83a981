import { randomUUID } from 'node:crypto'
import { APP_VERSION } from '../app-version.js'
import type { Delivery, DeliveryEvent } from './incident-schema.js'
import { signBody } from './webhook-signature.js'

/** How hard to try. Defaults: 6 attempts, 1 s, 2 s, 4 s, 8 s, 16 s apart (each jittered down by up to half), 5 s per attempt. */
export interface RetryPolicy {
  readonly attempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  readonly timeoutMs: number
  /** Deliveries waiting or in flight, across all incidents; one more is refused and logged in the incident. */
  readonly maxPending: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 5000, maxPending: 1000 }

export interface WebhookTarget {
  readonly url: string
  readonly secret?: string | undefined
}

export interface DeliveryRequest {
  readonly incidentId: string
  readonly event: DeliveryEvent
  /** The incident as the receiver sees it; serialised when `send` is called, so later changes do not leak into this event. */
  readonly incident: object
  readonly target: WebhookTarget
}

export interface DispatcherLog {
  warn(obj: object, msg: string): void
}

export interface DispatcherOptions {
  readonly fetch: typeof fetch
  readonly now: () => number
  readonly log: DispatcherLog
  readonly retry: RetryPolicy
  /** Called after every attempt, to keep the incident's delivery log. */
  readonly record: (incidentId: string, delivery: Delivery) => void
  /** False once the incident is deleted: its remaining deliveries are dropped. */
  readonly exists: (incidentId: string) => boolean
  readonly random?: () => number
}

export interface WebhookDispatcher {
  /** Queue one event; never waits on the network and never throws. */
  send(request: DeliveryRequest): void
  /** Deliveries waiting or in flight. */
  pending(): number
  /** Stop: in-flight requests are aborted, waiting retries dropped; resolves once nothing runs. */
  close(): Promise<void>
}

/** Statuses worth another attempt besides 5xx: the receiver was busy or slow, not wrong. */
const RETRYABLE_4XX = new Set([408, 425, 429])

/**
 * Webhook delivery off the caller's path. Events of one incident are sent in
 * order (an `opened` still being retried holds back the `resolved` that
 * follows it); different incidents do not wait on each other.
 * Retries: network errors, timeouts, 5xx, 408, 425, 429, with exponential
 * backoff and jitter (a Retry-After header is honoured up to maxDelayMs).
 * Other 4xx and 3xx are final: the receiver refuses, and asking again will
 * not change that.
 */
export function createWebhookDispatcher(options: DispatcherOptions): WebhookDispatcher {
  const { retry, log } = options
  const random = options.random ?? Math.random
  const chains = new Map<string, Promise<void>>()
  const stop = new AbortController()
  const sleepers = new Set<() => void>()
  let pendingCount = 0
  let closed = false

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer)
        sleepers.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, ms)
      sleepers.add(wake)
    })

  const backoff = (attempt: number, retryAfterMs: number | undefined): number => {
    const full = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1))
    const jittered = Math.round(full / 2 + (random() * full) / 2)
    return retryAfterMs === undefined ? jittered : Math.max(jittered, Math.min(retry.maxDelayMs, retryAfterMs))
  }

  const deliver = async (request: DeliveryRequest, deliveryId: string, body: string): Promise<void> => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': `Vigil/${APP_VERSION}`,
      'x-vigil-event': request.event,
      'x-vigil-delivery': deliveryId,
    }
    if (request.target.secret !== undefined) headers['x-vigil-signature'] = signBody(body, request.target.secret)
    for (let attempt = 1; attempt <= retry.attempts; attempt++) {
      if (closed || !options.exists(request.incidentId)) return
      const started = options.now()
      let status: number | null = null
      let problem: string
      let final = attempt === retry.attempts
      let retryAfterMs: number | undefined
      try {
        const response = await options.fetch(request.target.url, {
          method: 'POST',
          headers: { ...headers, 'x-vigil-attempt': String(attempt) },
          body,
          redirect: 'manual',
          signal: AbortSignal.any([stop.signal, AbortSignal.timeout(retry.timeoutMs)]),
        })
        status = response.status
        await response.body?.cancel().catch(() => undefined)
        if (status >= 200 && status < 300) {
          options.record(request.incidentId, entry(request.event, deliveryId, attempt, started, status))
          return
        }
        problem = `HTTP ${status}`
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
        if (status < 500 && !RETRYABLE_4XX.has(status)) final = true
      } catch (err) {
        if (closed) {
          options.record(request.incidentId, entry(request.event, deliveryId, attempt, started, null, 'cancelled: Vigil is shutting down; not retried'))
          return
        }
        problem = isTimeout(err) ? `no answer within ${retry.timeoutMs} ms` : describe(err)
      }
      if (final) {
        options.record(request.incidentId, entry(request.event, deliveryId, attempt, started, status, `${problem}; gave up after ${attempt} attempt${attempt === 1 ? '' : 's'}`))
        log.warn({ incident_id: request.incidentId, event: request.event, delivery_id: deliveryId, url: request.target.url, problem }, 'webhook delivery failed')
        return
      }
      const delay = backoff(attempt, retryAfterMs)
      options.record(request.incidentId, entry(request.event, deliveryId, attempt, started, status, `${problem}; retrying in ${delay} ms`))
      await sleep(delay)
    }
  }

  const entry = (event: DeliveryEvent, deliveryId: string, attempt: number, started: number, status: number | null, error?: string): Delivery => {
    const d: Delivery = { at: new Date(started).toISOString(), event, delivery_id: deliveryId, attempt, status, duration_ms: Math.max(0, options.now() - started) }
    if (error !== undefined) d.error = error
    return d
  }

  return {
    send(request) {
      if (closed) return
      const deliveryId = randomUUID()
      if (pendingCount >= retry.maxPending) {
        options.record(request.incidentId, entry(request.event, deliveryId, 1, options.now(), null, `not sent: ${retry.maxPending} webhook deliveries are already waiting`))
        log.warn({ incident_id: request.incidentId, event: request.event, limit: retry.maxPending }, 'webhook queue full; delivery dropped')
        return
      }
      pendingCount++
      const body = JSON.stringify({ event: request.event, delivery_id: deliveryId, sent_at: new Date(options.now()).toISOString(), incident: request.incident })
      const previous = chains.get(request.incidentId) ?? Promise.resolve()
      const next = previous
        .then(() => deliver(request, deliveryId, body))
        .catch((err: unknown) => log.warn({ incident_id: request.incidentId, err }, 'webhook delivery crashed'))
        .finally(() => {
          pendingCount--
          if (chains.get(request.incidentId) === next) chains.delete(request.incidentId)
        })
      chains.set(request.incidentId, next)
    },
    pending: () => pendingCount,
    async close() {
      if (closed) return
      closed = true
      const waiting = pendingCount
      stop.abort()
      for (const wake of [...sleepers]) wake()
      await Promise.allSettled([...chains.values()])
      if (waiting > 0) log.warn({ deliveries: waiting }, 'webhook deliveries still pending at shutdown were dropped')
    },
  }
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || !/^\d{1,6}$/.test(value.trim())) return undefined
  return Number(value.trim()) * 1000
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || (err.cause instanceof Error && err.cause.name === 'TimeoutError'))
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : ''
  return `${err.message}${cause}`
}
