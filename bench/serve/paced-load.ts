/**
 * An open-loop load at a fixed rate: request i is due at start + i/rate and
 * is sent then, whether or not earlier ones were answered (keep-alive
 * connections are added as needed). Latency is counted from when the request
 * was due, not from when it left, so a server that stalls is charged for
 * every request the stall delayed (no coordinated omission).
 */
import http from 'node:http'
import { summarise, type LoadResult, type LoadTarget } from './load-result.js'

export interface PacedOptions {
  readonly rate: number
  readonly durationS: number
  /** A request unanswered after this long counts as a timeout. */
  readonly timeoutMs?: number
  readonly maxSockets?: number
}

export async function pacedLoad(target: LoadTarget, options: PacedOptions): Promise<LoadResult> {
  const url = new URL(target.url)
  const body = Buffer.from(target.body)
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 512 })
  const timeoutMs = options.timeoutMs ?? 10_000
  const total = Math.round(options.rate * options.durationS)
  const latencies: number[] = []
  const lags: number[] = []
  let sent = 0
  let answered = 0
  let non2xx = 0
  let errors = 0
  let timeouts = 0
  const inFlight = new Set<Promise<void>>()

  const fire = (due: number): void => {
    sent++
    lags.push(performance.now() - due)
    const done = new Promise<void>((resolve) => {
      const request = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': body.length },
          timeout: timeoutMs,
        },
        (response) => {
          response.resume()
          response.on('end', () => {
            answered++
            latencies.push(performance.now() - due)
            const status = response.statusCode ?? 0
            if (status < 200 || status > 299) non2xx++
            resolve()
          })
          response.on('error', () => {
            errors++
            resolve()
          })
        },
      )
      request.on('timeout', () => {
        timeouts++
        request.destroy(new Error('timeout'))
      })
      request.on('error', () => {
        errors++
        resolve()
      })
      request.end(body)
    })
    inFlight.add(done)
    void done.then(() => inFlight.delete(done))
  }

  const startedAt = Date.now()
  const t0 = performance.now()
  let next = 0
  while (next < total) {
    const now = performance.now()
    while (next < total && t0 + (next * 1000) / options.rate <= now) {
      fire(t0 + (next * 1000) / options.rate)
      next++
    }
    // ~1 ms timer granularity: a request leaves at most a millisecond or two late (reported as sendLagP99)
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  const finishedAt = Date.now()
  await Promise.all([...inFlight])
  agent.destroy()
  const lag = summarise(lags)
  return {
    tool: 'paced',
    rate: options.rate,
    durationS: options.durationS,
    scheduled: total,
    sent,
    answered,
    non2xx,
    errors,
    timeouts,
    ...summarise(latencies),
    sendLagP99: lag.p99,
    startedAt,
    finishedAt,
  }
}
