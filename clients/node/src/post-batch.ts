import { parseRetryAfter } from './retry-after.js'

/** What one POST of a batch came to. */
export type PostOutcome =
  /** 2xx: Vigil has the batch; `rejected` of its events were refused one by one (bad fields). */
  | { readonly kind: 'accepted'; readonly status: number; readonly rejected: number }
  /** 429: Vigil's queue is full; come back after `retryAfterMs` (undefined when it did not say). */
  | { readonly kind: 'busy'; readonly status: 429; readonly retryAfterMs: number | undefined }
  /** Worth another attempt: no answer (refused, reset, timeout), 5xx, 408 or 425. */
  | { readonly kind: 'failed'; readonly status: number | null; readonly message: string }
  /** Final: any other answer (400, 401, 404, 413, 3xx...); the same batch would be refused again. */
  | { readonly kind: 'refused'; readonly status: number; readonly message: string }

export interface PostRequest {
  readonly url: string
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
  readonly timeoutMs: number
  /** Aborted by close() to cut a request short. */
  readonly signal: AbortSignal
}

/** Statuses that mean "busy or slow, not wrong": another attempt may succeed. */
const RETRYABLE = new Set([408, 425])
/** Longest error text kept from a refusal, for onError. */
const MAX_MESSAGE = 300

/**
 * One POST of a serialised batch with its own deadline, classified. Never
 * throws: every failure becomes an outcome. The deadline covers reading the
 * answer too, so a Vigil that sends headers and then stalls is still cut off.
 */
export async function postBatch(request: PostRequest): Promise<PostOutcome> {
  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(), request.timeoutMs)
  // the deadline must never be what keeps the service's process running
  timer.unref()
  const cancel = (): void => deadline.abort()
  request.signal.addEventListener('abort', cancel, { once: true })
  try {
    if (request.signal.aborted) return { kind: 'failed', status: null, message: 'cancelled: the client is closing' }
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal: deadline.signal })
    const status = response.status
    if (status >= 200 && status < 300) return { kind: 'accepted', status, rejected: await readRejected(response) }
    if (status === 429) {
      await response.body?.cancel().catch(() => undefined)
      return { kind: 'busy', status, retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), Date.now()) }
    }
    const message = `HTTP ${status}: ${await readMessage(response)}`
    if (status >= 500 || RETRYABLE.has(status)) return { kind: 'failed', status, message }
    return { kind: 'refused', status, message }
  } catch (err) {
    if (request.signal.aborted) return { kind: 'failed', status: null, message: 'cancelled: the client is closing' }
    if (deadline.signal.aborted) return { kind: 'failed', status: null, message: `no answer within ${request.timeoutMs} ms` }
    return { kind: 'failed', status: null, message: describe(err) }
  } finally {
    clearTimeout(timer)
    request.signal.removeEventListener('abort', cancel)
  }
}

/** Vigil's 202 says how many events it refused; any other 2xx body counts as none refused. */
async function readRejected(response: Response): Promise<number> {
  try {
    const body = (await response.json()) as { rejected?: unknown }
    return typeof body.rejected === 'number' && Number.isInteger(body.rejected) && body.rejected >= 0 ? body.rejected : 0
  } catch {
    return 0
  }
}

/** Vigil's error text (`{"error": "..."}`), or the start of whatever else answered. */
async function readMessage(response: Response): Promise<string> {
  let text: string
  try {
    text = await response.text()
  } catch {
    return response.statusText
  }
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown }
    const said = typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : undefined
    if (said !== undefined) return said.slice(0, MAX_MESSAGE)
  } catch {
    // not JSON: a proxy's page, say; keep its start
  }
  return (text.trim() || response.statusText).slice(0, MAX_MESSAGE)
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : ''
  return `${err.message}${cause}`
}
