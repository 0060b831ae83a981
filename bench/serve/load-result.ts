/** What one load run measured, whichever tool produced it. Latencies in milliseconds. */
export type LoadTool = 'paced' | 'autocannon'

export interface LoadResult {
  readonly tool: LoadTool
  readonly rate: number
  readonly durationS: number
  /** Requests the schedule called for: rate x duration. */
  readonly scheduled: number
  readonly sent: number
  /** Answers received (any status). */
  readonly answered: number
  readonly non2xx: number
  /** Connection errors and timeouts (timeouts are counted in errors too). */
  readonly errors: number
  readonly timeouts: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly p999: number
  readonly max: number
  readonly mean: number
  /** Paced only: how late the generator sent, p99 (its own share of the latency). */
  readonly sendLagP99?: number
  /** Epoch ms of the first and last scheduled send. */
  readonly startedAt: number
  readonly finishedAt: number
}

/** Percentiles of raw latencies (sorted in place). */
export function summarise(latencies: number[]): Pick<LoadResult, 'p50' | 'p90' | 'p99' | 'p999' | 'max' | 'mean'> {
  latencies.sort((a, b) => a - b)
  const at = (q: number): number => (latencies.length === 0 ? Number.NaN : (latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] as number))
  const mean = latencies.length === 0 ? Number.NaN : latencies.reduce((a, b) => a + b, 0) / latencies.length
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999), max: latencies[latencies.length - 1] ?? Number.NaN, mean }
}

export interface LoadTarget {
  readonly url: string
  /** The JSON body of every request. */
  readonly body: string
}
