/** Small HTTP helpers for talking to a server that may be killed mid-request: they never throw, they report. */
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import http from 'node:http'

/** What came back: a status and parsed JSON body, or the reason nothing came back (connection reset by the kill). */
export type HttpOutcome = { readonly status: number; readonly body: unknown } | { readonly status: 0; readonly error: string }

export function answered(outcome: HttpOutcome): outcome is { readonly status: number; readonly body: unknown } {
  return outcome.status !== 0
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/** A JSON request with fetch; a connection error becomes `{ status: 0, error }`. */
export async function requestJson(baseUrl: string, method: string, route: string, body?: unknown, timeoutMs = 120_000): Promise<HttpOutcome> {
  try {
    const response = await fetch(`${baseUrl}${route}`, {
      method,
      signal: AbortSignal.timeout(timeoutMs),
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    })
    return { status: response.status, body: parse(await response.text()) }
  } catch (err) {
    return { status: 0, error: describe(err) }
  }
}

/** Like requestJson, but a non-2xx answer or no answer throws, with the route and what came back. */
export async function expectJson(baseUrl: string, method: string, route: string, body?: unknown, expected = 200): Promise<unknown> {
  const outcome = await requestJson(baseUrl, method, route, body)
  if (outcome.status !== expected) {
    throw new Error(`${method} ${route}: expected ${expected}, got ${answered(outcome) ? `${outcome.status} ${JSON.stringify(outcome.body).slice(0, 500)}` : outcome.error}`)
  }
  return answered(outcome) ? outcome.body : undefined
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * POST a file as multipart/form-data (field `file`), sending the content in
 * slices spread over about `sendMs`, so the server is still receiving for a
 * while: a kill can then land while the upload streams in, while DuckDB loads
 * it, or while the dataset is committed.
 */
export function pacedUpload(url: string, filename: string, content: Buffer, sendMs: number, slices = 20): Promise<HttpOutcome> {
  const boundary = `----vigilcrash${randomBytes(8).toString('hex')}`
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`)
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return new Promise<HttpOutcome>((resolve) => {
    let settled = false
    const finish = (outcome: HttpOutcome): void => {
      if (settled) return
      settled = true
      resolve(outcome)
    }
    const request = http.request(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + content.length + tail.length },
    })
    request.on('error', (err) => finish({ status: 0, error: describe(err) }))
    request.on('response', (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', (err) => finish({ status: 0, error: describe(err) }))
      response.on('aborted', () => finish({ status: 0, error: 'response aborted' }))
      response.on('end', () => finish({ status: response.statusCode ?? 0, body: parse(Buffer.concat(chunks).toString('utf8')) }))
    })
    const send = async (): Promise<void> => {
      request.write(head)
      const size = Math.ceil(content.length / slices)
      for (let offset = 0; offset < content.length; offset += size) {
        if (settled || request.destroyed) return
        if (!request.write(content.subarray(offset, offset + size))) await once(request, 'drain')
        await sleep(sendMs / slices)
      }
      if (!settled && !request.destroyed) request.end(tail)
    }
    // a write after the kill fails through the 'error' handler above
    send().catch((err: unknown) => finish({ status: 0, error: describe(err) }))
  })
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause
    return cause instanceof Error ? `${err.message}: ${cause.message}` : err.message
  }
  return String(err)
}
