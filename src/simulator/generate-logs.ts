import { InvalidInputError } from '../errors.js'
import { createRng, deriveSeed } from '../math/random.js'
import { BurstSchedule } from './bursts.js'
import type { Draft } from './draft.js'
import { IncidentScheduler } from './incident-scheduler.js'
import type { LogRecord } from './log-record.js'
import { PATTERNS } from './patterns/index.js'
import { createPopulation } from './population.js'
import { renderRecord, type IncidentLabel } from './render-record.js'
import type { ResolvedConfig } from './resolve-config.js'
import { rhythm } from './rhythm.js'
import { EventQueue } from './event-queue.js'
import { exponential, uuid } from './sample.js'
import { TrafficObserver } from './traffic-observer.js'
import { cacheStats, databaseHealth, MONITOR_NAMES, MONITOR_SHARE, MonitorClock, type MonitorName } from './traffic/monitors.js'
import { ordinaryRequest, ROWS_PER_REQUEST } from './traffic/request-mix.js'

type Item = { readonly kind: 'arrival' } | { readonly kind: 'tick'; readonly monitor: MonitorName; readonly k: number } | { readonly kind: 'row'; readonly draft: Draft; readonly incident: IncidentLabel | null }

export interface GenerateOptions {
  /** Epoch ms of the stream's origin; default the config's `start_time` (the live stream passes the wall clock). */
  readonly startTime?: number
}

const ARRIVAL: Item = { kind: 'arrival' }
const MONITOR_SERVICE = { database: 'database-service', cache: 'cache-service' } as const
const HOUR = 3_600_000
/**
 * Steps without a row after which a config is taken to produce none (rates
 * so small, or services so few, that no row ever comes): the generator then
 * throws a 400 instead of spinning forever. Ordinary configs take a handful
 * of steps per row.
 */
const MAX_STEPS_WITHOUT_ROW = 200_000
/** Simulated time without a row after which the same holds (and before the burst schedule is extended that far). */
const MAX_GAP_MS = 7 * 24 * HOUR

/**
 * The log stream, in time order, without end: take as many rows as needed.
 * Ordinary requests arrive as a Poisson process following the daily and
 * weekly rhythm and the bursts; host monitors write at a fixed period;
 * incidents are planned whole when the scheduler calls for one and their
 * rows merge into the stream at their times. Same config (and start) → same
 * rows: every draw comes from generators derived from `config.seed`.
 */
export function* generateLogs(config: ResolvedConfig, options: GenerateOptions = {}): Generator<LogRecord, never, undefined> {
  const seed = config.seed
  const origin = options.startTime ?? Date.parse(config.start_time)
  const lg = config.log_generation
  const population = createPopulation(seed, config.population)
  const customers = new Map(population.customers.map((c) => [c.id, c]))
  const traffic = { rng: createRng(deriveSeed(seed, 1)), population }
  const ids = createRng(deriveSeed(seed, 2))
  const monitorRng = createRng(deriveSeed(seed, 3))
  const bursts = new BurstSchedule(
    { enabled: lg.burst_simulation, intervalMinutes: lg.burst_interval_minutes, durationSeconds: lg.burst_duration_seconds, multiplier: lg.burst_multiplier },
    createRng(deriveSeed(seed, 4)),
    origin,
  )
  const scheduler = new IncidentScheduler(config.anomaly_scenarios, config.global_anomaly_rate, createRng(deriveSeed(seed, 5)))
  const load = (time: number): number => rhythm(time) * bursts.factor(time)
  const normalRowsPerSecond = lg.logs_per_second * (1 - config.global_anomaly_rate)
  const requestsPerMs = (normalRowsPerSecond * (1 - MONITOR_NAMES.length * MONITOR_SHARE)) / ROWS_PER_REQUEST / 1000
  const monitors = new MonitorClock(origin, 1000 / (normalRowsPerSecond * MONITOR_SHARE))
  const observer = new TrafficObserver((id) => customers.get(id)?.devices ?? [], population.knownDestinations)
  const allowed = new Set<string>(config.service_sources)
  const queue = new EventQueue<Item>()
  queue.push(origin, ARRIVAL)
  for (const m of MONITOR_NAMES) queue.push(monitors.tickTime(m, 0), { kind: 'tick', monitor: m, k: 0 })
  let incidents = 0
  let lastForget = origin

  const startIncident = (now: number): void => {
    const scenario = scheduler.next()
    const number = ++incidents
    const rng = createRng(deriveSeed(seed, 1_000_000 + number))
    const drafts = PATTERNS[scenario.pattern].plan({ rng, start: now + rng.next() * 1000, population, monitors, load, scenario })
    for (const draft of drafts) queue.push(draft.time, { kind: 'row', draft, incident: { scenario, number } })
    scheduler.record(scenario, drafts.filter((d) => d.anomaly).length)
  }

  let steps = 0
  let lastRow = origin
  for (;;) {
    const { time, item } = queue.pop() as { time: number; item: Item }
    if (++steps > MAX_STEPS_WITHOUT_ROW || !(time - lastRow <= MAX_GAP_MS)) throw noRows(config)
    let draft: Draft
    let incident: IncidentLabel | null = null
    if (item.kind === 'arrival') {
      for (const d of ordinaryRequest(traffic, time)) if (allowed.has(d.service)) queue.push(d.time, { kind: 'row', draft: d, incident: null })
      queue.push(time + exponential(traffic.rng, requestsPerMs * load(time)), ARRIVAL)
      continue
    } else if (item.kind === 'tick') {
      queue.push(monitors.tickTime(item.monitor, item.k + 1), { kind: 'tick', monitor: item.monitor, k: item.k + 1 })
      if (monitors.takeClaim(item.monitor, item.k) || !allowed.has(MONITOR_SERVICE[item.monitor])) continue
      draft = item.monitor === 'database' ? databaseHealth(monitorRng, time, load(time)) : cacheStats(monitorRng, time, load(time))
    } else {
      draft = item.draft
      incident = item.incident
    }
    const record = renderRecord(draft, observer.observe(draft), incident, uuid(ids))
    if (!record.anomaly_details.is_anomaly) scheduler.countNormal()
    while (scheduler.due()) startIncident(time)
    if (time - lastForget > HOUR) {
      bursts.forget(time - HOUR)
      lastForget = time
    }
    steps = 0
    lastRow = time
    yield record
  }
}

function noRows(config: ResolvedConfig): InvalidInputError {
  return new InvalidInputError(
    `the simulator config produces no rows: logs_per_second ${config.log_generation.logs_per_second} with service_sources ${config.service_sources.join(', ')} would write no row for a week of simulated time; raise the rate or allow more services`,
    { field: 'config.log_generation.logs_per_second', value: config.log_generation.logs_per_second },
  )
}
