/**
 * The same load with autocannon (`overallRate`). Caveat, measured and
 * documented in docs/benchmarks-serve.md: autocannon limits the rate per
 * connection and per one-second tick, so each connection sends its share of
 * a second back to back as soon as the tick starts, and then waits; the load
 * comes in bursts at the start of every second, and the latencies include
 * queueing behind the burst. Its coordinated-omission correction assumes a
 * 1 ms interval at any rate, so it is turned off; raw latencies are collected
 * from its response events for sub-millisecond percentiles.
 */
import autocannon from 'autocannon'
import { summarise, type LoadResult, type LoadTarget } from './load-result.js'

export interface AutocannonOptions {
  readonly rate: number
  readonly durationS: number
  readonly connections: number
  readonly timeoutS?: number
}

export function autocannonLoad(target: LoadTarget, options: AutocannonOptions): Promise<LoadResult> {
  const latencies: number[] = []
  const startedAt = Date.now()
  return new Promise<LoadResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: target.body,
        connections: options.connections,
        overallRate: options.rate,
        duration: options.durationS,
        timeout: options.timeoutS ?? 10,
        ignoreCoordinatedOmission: true,
      },
      (err, result) => {
        if (err !== null && err !== undefined) {
          reject(err instanceof Error ? err : new Error(String(err)))
          return
        }
        resolve({
          tool: 'autocannon',
          rate: options.rate,
          durationS: options.durationS,
          scheduled: Math.round(options.rate * options.durationS),
          // its own requests.sent runs ahead of what was answered by about one request per connection and tick; count what completed
          sent: latencies.length + result.errors,
          answered: latencies.length,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          ...summarise(latencies),
          startedAt,
          finishedAt: Date.now(),
        })
      },
    )
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime)
    })
  })
}
