import { ConflictError, InvalidInputError } from '../errors.js'
import { generateLogs } from './generate-logs.js'
import type { LogRecord } from './log-record.js'
import { resolveConfig, type ResolvedConfig } from './resolve-config.js'
import { round } from './sample.js'
import { SlidingWindow } from './sliding-window.js'
import { DEFAULT_SIMULATOR_LIMITS, StreamLimitError, type SimulatorLimits } from './stream-limits.js'

/** Someone reading the live stream. */
export interface LiveListener {
  record(r: LogRecord): void
  /** The simulator stopped (or the server is closing). */
  end(reason: 'stopped' | 'closed'): void
}

interface Run {
  readonly records: Generator<LogRecord, never, undefined>
  next: LogRecord
  nextTime: number
  readonly timer: NodeJS.Timeout
  readonly startedAt: number
}

const RATE_WINDOW_MS = 10_000
/** At most this many seconds of rows per tick: a stalled event loop catches up gradually. */
const MAX_CATCH_UP_SECONDS = 5

/**
 * 004's mock server inside Vigil: when started, it writes log rows at the
 * configured rate on the wall clock (timestamps are real times) and hands
 * each to the current listeners. One per app; `close()` on shutdown. Its
 * cost is bounded by `limits`: a config asking for more than `maxRate` rows
 * per second is refused, bursts never emit more than that either (rows then
 * fall behind the clock and catch up after), and at most `maxStreams`
 * listeners may subscribe.
 */
export class LiveSimulator {
  private config: ResolvedConfig = resolveConfig()
  private run: Run | null = null
  private readonly listeners = new Set<LiveListener>()
  private generated = 0
  private anomalies = 0
  private readonly recent = new SlidingWindow<null>(RATE_WINDOW_MS)

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly tickMs = 100,
    readonly limits: SimulatorLimits = DEFAULT_SIMULATOR_LIMITS,
  ) {}

  /** The config the next start uses (and the running one uses). */
  get configuration(): ResolvedConfig {
    return this.config
  }

  get running(): boolean {
    return this.run !== null
  }

  /** Start writing rows; with `config`, replace the config first (refused while running). */
  start(config?: ResolvedConfig): string {
    if (this.run) {
      if (config) throw new ConflictError('the simulator is running; stop it before changing its config (POST /simulator/control {"action": "stop"})', { field: 'action', value: 'start' })
      return 'already running'
    }
    if (config) {
      const rate = config.log_generation.logs_per_second
      if (rate > this.limits.maxRate) {
        throw new InvalidInputError(`config.log_generation.logs_per_second must be at most ${this.limits.maxRate} (SIMULATOR_MAX_RATE); got ${rate}`, {
          field: 'config.log_generation.logs_per_second',
          value: rate,
          limit: this.limits.maxRate,
        })
      }
      this.config = config
    }
    const startedAt = this.clock()
    const records = generateLogs(this.config, { startTime: startedAt })
    const next = records.next().value
    this.generated = 0
    this.anomalies = 0
    this.run = { records, next, nextTime: Date.parse(next.timestamp), timer: setInterval(() => this.tick(), this.tickMs), startedAt }
    return `started: ${this.config.log_generation.logs_per_second} logs/s, global_anomaly_rate ${this.config.global_anomaly_rate}, seed ${this.config.seed}`
  }

  /** Stop writing rows; open streams end. */
  stop(reason: 'stopped' | 'closed' = 'stopped'): string {
    if (!this.run) return 'already stopped'
    clearInterval(this.run.timer)
    this.run = null
    for (const l of [...this.listeners]) l.end(reason)
    this.listeners.clear()
    return `stopped after ${this.generated} rows`
  }

  /** Add a listener; returns the function that removes it. Beyond `maxStreams` listeners: 429. */
  subscribe(listener: LiveListener): () => void {
    if (this.listeners.size >= this.limits.maxStreams) throw new StreamLimitError(this.limits.maxStreams)
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  status() {
    const run = this.run
    const now = this.clock()
    this.recent.evict(now)
    return {
      status: run ? ('running' as const) : ('stopped' as const),
      running: run !== null,
      started_at: run ? new Date(run.startedAt).toISOString() : null,
      uptime_seconds: run ? Math.round((now - run.startedAt) / 1000) : 0,
      logs_generated: this.generated,
      anomalies_generated: this.anomalies,
      anomaly_rate: this.generated > 0 ? round(this.anomalies / this.generated, 4) : 0,
      logs_per_second: this.config.log_generation.logs_per_second,
      recent_logs_per_second: round(this.recent.size / (RATE_WINDOW_MS / 1000), 2),
      global_anomaly_rate: this.config.global_anomaly_rate,
      seed: this.config.seed,
      subscribers: this.listeners.size,
    }
  }

  /** Stop and end every stream (server shutdown). */
  close(): void {
    this.stop('closed')
  }

  private tick(): void {
    const run = this.run
    if (!run) return
    const now = this.clock()
    // a stalled loop catches up gradually, and no tick (bursts included) emits faster than maxRate
    const catchUp = Math.ceil(this.config.log_generation.logs_per_second * MAX_CATCH_UP_SECONDS)
    let budget = Math.max(1, Math.min(catchUp, Math.ceil((this.limits.maxRate * this.tickMs) / 1000)))
    while (run.nextTime <= now && budget-- > 0) {
      const r = run.next
      this.generated++
      if (r.anomaly_details.is_anomaly) this.anomalies++
      this.recent.push(now, null)
      for (const l of this.listeners) l.record(r)
      try {
        run.next = run.records.next().value
      } catch {
        // a config whose stream dries up (generate-logs.ts): stop rather than throw from a timer
        this.stop()
        return
      }
      run.nextTime = Date.parse(run.next.timestamp)
    }
  }
}
