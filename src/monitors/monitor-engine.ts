import { binomialUpperTail, poissonLowerTail, poissonUpperTail, cusumThreshold } from '../stats/index.js'
import type { Evidence, EvidencePoint } from '../incidents/incident-schema.js'
import type { Alarm } from './alarm.js'
import { ComboIndex } from './combo-index.js'
import type { DetectorRegistry } from './detector-registry.js'
import type { IncidentCandidate, IncidentSink } from './incident-sink.js'
import { LatencyThresholdLearner } from './latency-threshold-learner.js'
import { complement, localizeAlarms, sameEpisode } from './localize-alarms.js'
import type { MonitorConfig } from './monitor-config.js'
import { LeafMinuteCells } from './leaf-minute-cells.js'
import { MAX_RATE_DETECTORS, type MinutePoint, type MinuteStore } from './minute-store.js'
import type { EventObserver } from './monitor-extension.js'
import { RateBank, type RateAlarm, type RequestCounts } from './rate-bank.js'
import type { RateDetector } from './regression-detector.js'
import type { RequestEvent } from './request-event.js'
import { TrafficBank } from './traffic-bank.js'

const MINUTE = 60_000
/** Events may arrive this late (event time) and still land in their minute. */
export const DEFAULT_LATENESS_MS = 30_000
/** Alarms wait this long (event time) for related alarms before localisation. */
const GRACE_MS = 20_000
/** Localisation runs every this much event time. */
const TICK_MS = 10_000
/** How long a reported regression that ended still explains late alarms inside it that began before its end (event time). */
const ENDED_MEMORY_MS = 6 * 3600_000
/** Most alarms per detector kept for localisation (the latest). */
const MAX_RECENT_ALARMS = 500
/** Work done per turn of the event loop before yielding (ms). */
const SLICE_MS = 25
/** Minutes of history before the change point in an incident's evidence. */
const EVIDENCE_BEFORE_MINUTES = 60
/** Longest evidence series (points). */
const MAX_EVIDENCE_POINTS = 240
/** Closed minutes kept in memory before they are stored (or FLUSH_INTERVAL_MS, whichever comes first). */
const FLUSH_MINUTES = 60
const FLUSH_INTERVAL_MS = 2000
/** With no new events for this long (wall time), pending alarms are localised without waiting for later events. */
const IDLE_FLUSH_MS = 1000

export interface EngineLog {
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface EngineOptions {
  readonly name: string
  readonly config: MonitorConfig
  readonly registry: DetectorRegistry
  readonly store: MinuteStore
  readonly sink: IncidentSink
  readonly log: EngineLog
  /** Most events waiting for detection before ingest answers 429. */
  readonly queueLimit: number
  readonly latenessMs?: number
  /** Sees every processed event and closed minute after the regression detectors (entity detection, src/abuse/). */
  readonly observer?: EventObserver | undefined
}

/** What a monitor's detection is doing: for GET /monitors/{name} and for tests that replay history. */
export interface EngineStatus {
  readonly received_events: number
  readonly processed_events: number
  readonly pending_events: number
  readonly late_events: number
  /** Latest event time seen, ISO 8601 (null before any event). */
  readonly latest_event_at: string | null
  /** Event time up to which minutes are closed (latest minus the allowed lateness). */
  readonly watermark: string | null
  readonly combinations: number
  readonly traffic_combinations_tested: number
  readonly latency_p90_ms: number | null
  readonly incidents_reported: number
}

interface RateChannel {
  readonly detector: RateDetector
  readonly bank: RateBank
  readonly column: number
}

/**
 * One monitor's regression detection: events in (event-time order, roughly),
 * incident candidates out. Per event it updates every combination of the
 * event's leaf (up to max_depth dimensions) in typed arrays; per minute of
 * event time it tests traffic and recovery and stores the leaf aggregates;
 * every 10 s of event time it localises new alarms and reports root causes.
 * Work runs in slices on the event loop, never while an ingest request waits.
 */
export class MonitorEngine {
  readonly name: string
  private config: MonitorConfig
  private readonly index: ComboIndex
  private readonly rates: RateChannel[]
  private readonly traffic: TrafficBank | null
  private readonly requests: RequestCounts
  /** What rate detectors classify with; updated in place (no object per event). */
  private readonly context = { latencyP90: Number.NaN }
  private readonly latency: LatencyThresholdLearner
  private readonly lateness: number
  private readonly queue: RequestEvent[][] = []
  private queueHead = 0
  private queued = 0
  private received = 0
  private processed = 0
  private late = 0
  private reportedCount = 0
  private maxTime = -Infinity
  private openMinute = Number.NaN
  private lastTick = Number.NaN
  private lastExpiry = Number.NaN
  private lastFlush = 0
  private readonly minutes = new Map<number, LeafMinuteCells>()
  /** The minute the last event fell in, and its cells (most events fall in the same minute as the one before). */
  private lastMinute = Number.NaN
  private lastCells: LeafMinuteCells | undefined
  private readonly recent = new Map<string, Alarm[]>()
  private readonly explained = new WeakSet<Alarm>()
  private readonly reported = new Map<string, Map<number, Record<string, string>>>()
  /** Per type: reported combinations whose regression ended (back in range), with when (event time), for a few hours. */
  private readonly ended = new Map<string, { combo: number; at: number }[]>()
  private readonly observations: { type: string; dimensions: Record<string, string>; at: string; inRange: boolean }[] = []
  private running = false
  private idleTimer: NodeJS.Timeout | undefined
  private waiters: (() => void)[] = []
  private closed = false

  private constructor(
    private readonly options: EngineOptions,
    private readonly layout: number,
  ) {
    this.name = options.name
    this.config = options.config
    this.index = new ComboIndex(options.config.dimensions, options.config.max_depth)
    // α is per combination; every event is tested in all its combinations (and a
    // bank of alternatives), so the threshold also pays for their number
    const extra = Math.log(this.index.masks.length)
    const threshold = cusumThreshold(options.config.alpha) + extra
    const rateDetectors = options.config.detectors
      .map((n) => options.registry.get(n))
      .filter((d): d is RateDetector => d !== undefined && d.kind === 'rate')
    this.requests = { values: new Float64Array(1024) }
    const requests = this.requests
    this.rates = rateDetectors.map((detector, column) => ({ detector, column, bank: new RateBank(requests, { threshold: threshold + Math.log(3) }) }))
    for (const { bank } of this.rates) bank.ensure(requests.values.length)
    this.traffic = options.config.detectors.includes('traffic') ? new TrafficBank(threshold + Math.log(3), 'traffic') : null
    this.latency = new LatencyThresholdLearner()
    this.lateness = options.latenessMs ?? 30_000
  }

  /** An engine for a monitor whose config has been validated (known detectors, at most MAX_RATE_DETECTORS rate ones). */
  static async create(options: EngineOptions): Promise<MonitorEngine> {
    const rateNames = options.config.detectors.filter((n) => options.registry.get(n)?.kind === 'rate')
    if (rateNames.length > MAX_RATE_DETECTORS) throw new RangeError(`at most ${MAX_RATE_DETECTORS} rate detectors per monitor`)
    const layout = await options.store.layoutFor(options.name, options.config.dimensions, rateNames)
    return new MonitorEngine(options, layout)
  }

  /** Room left in the queue, in events. */
  get capacity(): number {
    return Math.max(0, this.options.queueLimit - this.queued)
  }

  /** Queue validated events for detection; the caller has checked `capacity`. */
  enqueue(events: RequestEvent[]): void {
    if (events.length === 0) return
    this.queue.push(events)
    this.queued += events.length
    this.received += events.length
    this.schedule()
  }

  /** Resolves once every queued event is processed and every alarm so far is reported (replays and tests). */
  async drain(): Promise<void> {
    if (this.queued === 0 && !this.running) await this.flushPending(true)
    if (this.queued === 0 && !this.running) return
    await new Promise<void>((resolve) => this.waiters.push(resolve))
    await this.flushPending(true)
  }

  status(): EngineStatus {
    const finite = Number.isFinite(this.maxTime)
    return {
      received_events: this.received,
      processed_events: this.processed,
      pending_events: this.queued,
      late_events: this.late,
      latest_event_at: finite ? new Date(this.maxTime).toISOString() : null,
      watermark: finite ? new Date(this.maxTime - this.lateness).toISOString() : null,
      combinations: this.index.size,
      traffic_combinations_tested: this.traffic?.tested ?? 0,
      latency_p90_ms: Number.isNaN(this.latency.p90) ? null : this.latency.p90,
      incidents_reported: this.reportedCount,
    }
  }

  /** Settings that do not change the state's shape (severity, webhook, resolve time, retention) apply at once. */
  updateConfig(config: MonitorConfig): void {
    this.config = config
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.idleTimer) clearTimeout(this.idleTimer)
    await this.flushAggregates(true)
  }

  private schedule(): void {
    if (this.running || this.closed) return
    this.running = true
    if (this.idleTimer) clearTimeout(this.idleTimer)
    setImmediate(() => void this.run())
  }

  private async run(): Promise<void> {
    try {
      const deadline = performance.now() + SLICE_MS
      let tick = Number.NaN
      while (this.queued > 0 && performance.now() < deadline && Number.isNaN(tick)) {
        const chunk = this.queue[0] as RequestEvent[]
        const end = Math.min(chunk.length, this.queueHead + 2048)
        // localisation runs on event-time ticks, before the first event past each one: the same events give the
        // same incidents however the work is cut into slices, and however fast or loaded the machine is
        const nextTick = Number.isNaN(this.lastTick) ? Infinity : this.lastTick + TICK_MS + this.lateness
        let i = this.queueHead
        for (; i < end; i++) {
          const event = chunk[i] as RequestEvent
          if (event.time >= nextTick) {
            tick = event.time
            break
          }
          this.process(event)
        }
        this.queued -= i - this.queueHead
        this.processed += i - this.queueHead
        this.queueHead = i
        if (i === chunk.length) {
          this.queue.shift()
          this.queueHead = 0
        }
      }
      if (!Number.isNaN(tick)) await this.tick(tick)
      await this.afterSlice(false)
    } catch (err) {
      this.options.log.error({ err, monitor: this.name }, 'regression detection failed on a slice of events')
    } finally {
      this.running = false
      if (this.queued > 0 && !this.closed) this.schedule()
      else {
        const waiters = this.waiters
        this.waiters = []
        for (const w of waiters) w()
        if (!this.closed) this.idleTimer = setTimeout(() => void this.flushPending(true).catch((err: unknown) => this.options.log.error({ err }, 'idle flush failed')), IDLE_FLUSH_MS)
      }
    }
  }

  private process(event: RequestEvent): void {
    const time = event.time
    if (time > this.maxTime) {
      this.maxTime = time
      this.advanceClock()
    } else if (time < this.openMinute * MINUTE) this.late++
    const slot = this.index.leafSlot(event.leaf)
    const combos = this.index.leafCombos
    const from = slot * this.index.width
    const to = from + this.index.width
    const size = this.index.size
    if (this.requests.values.length < size) {
      this.requests.values = growTo(this.requests.values, size)
      for (const { bank } of this.rates) bank.ensure(this.requests.values.length)
    }
    const req = this.requests.values
    for (let i = from; i < to; i++) req[combos[i] as number]++
    this.latency.add(event.latency)
    const context = this.context
    context.latencyP90 = this.latency.p90
    const minute = Math.floor(time / MINUTE)
    let cells = this.lastCells
    if (minute !== this.lastMinute || cells === undefined) {
      cells = this.minutes.get(minute)
      if (cells === undefined) {
        cells = new LeafMinuteCells()
        this.minutes.set(minute, cells)
      }
      this.lastMinute = minute
      this.lastCells = cells
    }
    const row = cells.row(event.leaf)
    cells.requests[row]++
    if (!Number.isNaN(event.latency)) {
      cells.latencyCount[row]++
      cells.latencySum[row] += event.latency
    }
    const eventColumns = row * MAX_RATE_DETECTORS
    const rates = this.rates
    for (let r = 0; r < rates.length; r++) {
      const channel = rates[r] as RateChannel
      const outcome = channel.detector.classify(event, context)
      if (outcome === 0) continue
      channel.bank.observe(combos, from, to, outcome, time, this.index.parentSlot)
      if (outcome === 1) cells.events[eventColumns + channel.column]++
    }
    this.options.observer?.observe(event)
  }

  /** Close every minute that the watermark has passed, and localise on each tick. */
  private advanceClock(): void {
    const watermark = this.maxTime - this.lateness
    const closeBefore = Math.floor(watermark / MINUTE)
    if (Number.isNaN(this.openMinute)) {
      this.openMinute = Math.floor(this.maxTime / MINUTE)
      this.lastTick = this.maxTime
      return
    }
    while (this.openMinute < closeBefore) {
      this.closeMinute(this.openMinute)
      this.openMinute++
    }
  }

  private closeMinute(minute: number): void {
    const time = (minute + 1) * MINUTE
    const at = new Date(time).toISOString()
    const resolveAfter = this.config.resolve_after_minutes * MINUTE
    this.options.observer?.closeMinute(minute)
    const trialsOf = (c: number): number => this.requests.values[c] ?? 0
    if (this.traffic !== null) {
      const { inRange, cleared } = this.traffic.closeMinute(minute, trialsOf, resolveAfter)
      this.noteRecovery('traffic', inRange, cleared, at)
      if (minute % 60 === 59) {
        this.traffic.closeHour(this.index.size, trialsOf, (c, others) => others.some((o) => o === c || this.index.contains(o, c) || this.index.contains(c, o)))
      }
    }
    for (const { detector, bank } of this.rates) {
      const inRange = new Map<number, boolean>()
      const cleared: number[] = []
      for (const combo of [...bank.recovery.keys()]) {
        const step = bank.recoveryStep(combo, time, resolveAfter)
        inRange.set(combo, step.inRange)
        if (step.cleared) cleared.push(combo)
      }
      this.noteRecovery(detector.name, inRange, cleared, at)
    }
  }

  private noteRecovery(type: string, inRange: ReadonlyMap<number, boolean>, cleared: readonly number[], at: string): void {
    const reported = this.reported.get(type)
    if (reported === undefined) return
    for (const [combo, ok] of inRange) {
      const dimensions = reported.get(combo)
      if (dimensions !== undefined) this.observations.push({ type, dimensions, at, inRange: ok })
    }
    for (const combo of cleared) {
      const dimensions = reported.get(combo)
      if (dimensions !== undefined) {
        this.observations.push({ type, dimensions, at, inRange: true })
        this.noteEnded(type, combo, Date.parse(at))
      }
      reported.delete(combo)
    }
  }

  private noteEnded(type: string, combo: number, at: number): void {
    const list = (this.ended.get(type) ?? []).filter((e) => e.at > at - ENDED_MEMORY_MS)
    list.push({ combo, at })
    this.ended.set(type, list)
  }

  /**
   * True when `root` lies inside a combination whose reported regression has
   * ended, and its own change began before that end: the tail of the same
   * regression (a slice whose evidence crossed the line late), not a new one.
   */
  private tailOfEnded(type: string, root: Alarm): boolean {
    const list = this.ended.get(type)
    if (list === undefined) return false
    return list.some((e) => e.combo !== root.combo && root.startedAt < e.at && root.time - e.at < ENDED_MEMORY_MS && this.index.contains(e.combo, root.combo))
  }

  /** The watermark reached the next tick (every TICK_MS of event time): localise and report the alarms ready by then. */
  private async tick(eventTime: number): Promise<void> {
    this.collectAlarms()
    // one tick for a gap in event time, however long, at the last boundary the event passes
    this.lastTick += TICK_MS * Math.max(1, Math.floor((eventTime - this.lateness - this.lastTick) / TICK_MS))
    await this.localiseAndReport(this.lastTick + this.lateness - GRACE_MS)
  }

  /** After each slice: collect alarms, localise when forced (drain, idle), hand over observations, store closed minutes. */
  private async afterSlice(force: boolean): Promise<void> {
    this.collectAlarms()
    await this.options.observer?.flush()
    if (force) await this.localiseAndReport(Infinity)
    if (this.observations.length > 0) {
      const batch = this.observations.splice(0)
      for (const o of batch) {
        const resolved = await this.options.sink.observe(this.name, o.type, o.dimensions, o.at, o.inRange, this.config)
        // a resolved incident's combination may be reported again when it next regresses
        if (Array.isArray(resolved) && resolved.length > 0) {
          const reported = this.reported.get(o.type)
          const combo = this.index.find(o.dimensions)
          if (reported !== undefined && combo !== undefined && reported.delete(combo)) this.noteEnded(o.type, combo, Date.parse(o.at))
        }
      }
    }
    await this.flushAggregates(force)
  }

  private async flushPending(force: boolean): Promise<void> {
    if (this.running || this.closed) return
    this.running = true
    try {
      await this.afterSlice(force)
    } finally {
      this.running = false
    }
  }

  private collectAlarms(): void {
    for (const { detector, bank } of this.rates) {
      if (bank.pending.length === 0) continue
      const list = this.recent.get(detector.name) ?? []
      for (const a of bank.pending.splice(0)) list.push(rateAlarm(detector.name, a))
      this.recent.set(detector.name, list)
    }
    if (this.traffic !== null && this.traffic.pending.length > 0) {
      const list = this.recent.get('traffic') ?? []
      list.push(...this.traffic.pending.splice(0))
      this.recent.set('traffic', list)
    }
  }

  private isAlarmed(type: string, combo: number): boolean {
    if (type === 'traffic') return this.traffic?.isAlarmed(combo) === true
    return this.rates.find((r) => r.detector.name === type)?.bank.isAlarmed(combo) === true
  }

  private async localiseAndReport(readyBefore: number): Promise<void> {
    for (const [type, list] of this.recent) {
      const reported = this.reported.get(type) ?? new Map<number, Record<string, string>>()
      this.reported.set(type, reported)
      // an alarm takes part while its combination stays alarmed, so a root reported long ago still explains its ripple;
      // past the cap the oldest alarms go, but never a reported root (its hundreds of alarmed descendants would each become a root)
      const alarmed = list.filter((a) => this.isAlarmed(type, a.combo))
      const roots0 = alarmed.filter((a) => reported.has(a.combo))
      const others = alarmed.filter((a) => !reported.has(a.combo))
      const live = [...roots0, ...others.slice(Math.max(0, others.length - Math.max(0, MAX_RECENT_ALARMS - roots0.length)))]
      this.recent.set(type, live)
      if (live.length === 0) continue
      // compare alarms on their counts up to now, not as each stood when it fired: an ancestor that fired
      // after 13 requests has had time to show whether the rest of its traffic moved too
      const original = new Map<Alarm, Alarm>()
      const compared = live.map((a) => {
        const now = this.upToDate(type, a)
        original.set(now, a)
        return now
      })
      const roots = localizeAlarms(compared, this.index).map((r) => original.get(r) ?? r)
      // alarms explained by a reported root stay explained, even after that root recovers first
      // (only alarms that share requests with such a root and changed in the same episode: another alarm that is not a
      // root yet is a regression of its own waiting for its evidence, and must stay free to become one)
      const reportedRoots = roots.filter((r) => reported.has(r.combo))
      for (const a of live) {
        if (!roots.includes(a) && reportedRoots.some((r) => r.direction === a.direction && this.index.compatible(r.combo, a.combo) && sameEpisode(r, a))) this.explained.add(a)
      }
      const now = new Map<number, Alarm>()
      for (const [up, a] of original) now.set(a.combo, up)
      for (const root of roots) {
        if (reported.has(root.combo) || root.time > readyBefore) continue
        // around a combination already reported for this type: the same regression, diluted, unless the rest of
        // this broader combination changed too (then the incident widens to it). A narrower root is reported only
        // when the rest of the reported one is shown unchanged; the incident store then refines the open incident.
        // (scope changes on the complement's evidence are for rates: a count forecast of "the rest" is the difference
        // of two forecasts, too loose to widen or hold an incident on; traffic incidents refine on the larger effect)
        const rate = root.kind === 'rate'
        let widens = false
        if (this.aroundReported(root.combo, reported)) {
          const inside = rate ? this.widenedFrom(now.get(root.combo) ?? root, reported, now) : undefined
          if (inside === undefined) {
            this.explained.add(root)
            continue
          }
          reported.delete(inside)
          widens = true
        } else if (this.explained.has(root) || this.tailOfEnded(type, root) || (rate && this.narrowsWithoutEvidence(now.get(root.combo) ?? root, reported, now))) {
          this.explained.add(root)
          continue
        }
        const dimensions = this.index.dimensionsOf(root.combo)
        reported.set(root.combo, dimensions)
        this.reportedCount++
        const candidate = await this.candidate(root, dimensions)
        await this.options.sink.report(widens ? { ...candidate, widens } : candidate, { name: this.name, config: this.config })
      }
    }
  }

  /**
   * A reported combination inside `root` whose incident should widen to it:
   * the rest of `root`'s traffic (root minus the reported combination) shows
   * a change of its own, so the reported one was only the first part to show.
   */
  private widenedFrom(root: Alarm, reported: ReadonlyMap<number, unknown>, now: ReadonlyMap<number, Alarm>): number | undefined {
    for (const combo of reported.keys()) {
      if (combo === root.combo || !this.index.contains(root.combo, combo)) continue
      const inside = now.get(combo)
      if (inside !== undefined && inside.direction === root.direction && complement(root, inside) === 'changed') return combo
    }
    return undefined
  }

  /**
   * True when `root` lies inside a reported combination whose incident it
   * would refine, but the rest of that combination's traffic has not been
   * shown unchanged: with too few requests to tell, an open incident keeps its
   * scope rather than jump to whichever part looks worse by chance.
   */
  private narrowsWithoutEvidence(root: Alarm, reported: ReadonlyMap<number, unknown>, now: ReadonlyMap<number, Alarm>): boolean {
    for (const combo of reported.keys()) {
      if (combo === root.combo || !this.index.contains(combo, root.combo)) continue
      const outer = now.get(combo)
      if (outer !== undefined && outer.direction === root.direction && complement(outer, root) !== 'unchanged') return true
    }
    return false
  }

  private aroundReported(combo: number, reported: ReadonlyMap<number, unknown>): boolean {
    for (const r of reported.keys()) if (this.index.contains(combo, r)) return true
    return false
  }

  /** A rate alarm with its counts since the change point brought up to the latest request; other alarms as they are. */
  private upToDate(type: string, alarm: Alarm): Alarm {
    const bank = alarm.atStart === undefined ? undefined : this.rates.find((r) => r.detector.name === type)?.bank
    if (bank === undefined || alarm.atStart === undefined) return alarm
    const requests = bank.trialsOf(alarm.combo) - alarm.atStart.requests
    const events = bank.eventsOf(alarm.combo) - alarm.atStart.events
    if (!(requests > alarm.requestsSince)) return alarm
    return { ...alarm, requestsSince: requests, eventsSince: events, expectedSince: alarm.baseline * requests, observed: events / requests }
  }

  private async candidate(alarm: Alarm, dimensions: Record<string, string>): Promise<IncidentCandidate> {
    await this.flushAggregates(true)
    const detected = Math.floor(alarm.time / MINUTE)
    const started = Math.floor(alarm.startedAt / MINUTE)
    const from = Math.max(started - EVIDENCE_BEFORE_MINUTES, detected - MAX_EVIDENCE_POINTS + 1)
    const to = detected
    const rate = alarm.kind === 'rate'
    const [points, root] = await Promise.all([
      this.options.store.series(this.name, dimensions, rate ? alarm.detector : null, from, to),
      this.options.store.series(this.name, {}, null, from, to),
    ])
    const series = fillSeries(points, from, to, alarm)
    const sum = (list: MinutePoint[], key: 'requests' | 'latencyCount' | 'latencySum', after: boolean): number =>
      list.filter((p) => (after ? p.minute >= started : p.minute < started)).reduce((s, p) => s + p[key], 0)
    const comboAfter = sum(points, 'requests', true)
    const rootAfter = sum(root, 'requests', true)
    const extras: Record<string, number> = {}
    if (alarm.detector === 'latency') {
      const before = sum(points, 'latencyCount', false)
      const after = sum(points, 'latencyCount', true)
      if (before > 0) extras.latency_mean_baseline_ms = sum(points, 'latencySum', false) / before
      if (after > 0) extras.latency_mean_observed_ms = sum(points, 'latencySum', true) / after
      extras.latency_threshold_ms = this.latency.p90
    }
    const evidence: Evidence = {
      ...extras,
      metric: rate ? (this.rates.find((r) => r.detector.name === alarm.detector)?.detector.metric ?? alarm.detector) : 'requests_per_minute',
      series,
      baseline: alarm.baseline,
      observed: alarm.observed,
      effect: alarm.baseline > 0 ? alarm.observed / alarm.baseline : 0,
      requests_since_change: Math.round(alarm.requestsSince),
      events_since_change: alarm.eventsSince,
      expected_since_change: alarm.expectedSince,
      statistic: alarm.statistic,
      threshold: alarm.threshold,
      p_value: finite(pValue(alarm)),
      share_of_monitor_traffic: rootAfter > 0 ? Math.min(1, comboAfter / rootAfter) : 0,
    }
    // the incident store refuses non-finite numbers (JSON would turn them into null)
    for (const [key, value] of Object.entries(evidence)) if (typeof value === 'number' && !Number.isFinite(value)) (evidence as Record<string, unknown>)[key] = 0
    return {
      type: alarm.detector,
      direction: alarm.direction,
      dimensions,
      started_at: new Date(alarm.startedAt).toISOString(),
      detected_at: new Date(alarm.time).toISOString(),
      requests_to_detect: Math.round(alarm.requestsSince),
      evidence,
    }
  }

  /** Store closed minutes (all minutes when `all`); retention on event time once a day. */
  private async flushAggregates(all: boolean): Promise<void> {
    // each append is a DuckDB commit (a WAL sync): batch them
    const closedMinutes = [...this.minutes.keys()].filter((m) => m < this.openMinute).length
    if (!all && closedMinutes < FLUSH_MINUTES && performance.now() - this.lastFlush < FLUSH_INTERVAL_MS) return
    this.lastFlush = performance.now()
    const closed = new Map<number, LeafMinuteCells>()
    for (const [minute, cells] of this.minutes) {
      if (all || minute < this.openMinute) {
        closed.set(minute, cells)
        this.minutes.delete(minute)
        if (minute === this.lastMinute) this.lastCells = undefined
      }
    }
    if (closed.size > 0) await this.options.store.append(this.name, this.layout, closed)
    const day = Math.floor(this.maxTime / (1440 * MINUTE))
    if (Number.isFinite(day) && day !== this.lastExpiry) {
      this.lastExpiry = day
      await this.options.store.expire(this.name, Math.floor(this.maxTime / MINUTE) - this.config.retention_days * 1440)
    }
  }
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : 0
}

function rateAlarm(detector: string, a: RateAlarm): Alarm {
  return {
    detector,
    kind: 'rate',
    combo: a.combo,
    direction: 'increase',
    time: a.time,
    startedAt: a.startedAt,
    statistic: a.statistic,
    threshold: a.threshold,
    requestsSince: a.trialsSince,
    eventsSince: a.eventsSince,
    expectedSince: a.baseline * a.trialsSince,
    baseline: a.baseline,
    observed: a.trialsSince > 0 ? a.eventsSince / a.trialsSince : 0,
    atStart: { requests: a.trialsAtStart, events: a.eventsAtStart },
  }
}

function pValue(a: Alarm): number {
  const k = Math.max(0, Math.round(a.eventsSince))
  if (a.kind === 'rate') return binomialUpperTail(k, Math.max(k, Math.round(a.requestsSince)), a.baseline)
  return a.direction === 'increase' ? poissonUpperTail(k, a.expectedSince) : poissonLowerTail(k, a.expectedSince)
}

/** Every minute in [from, to], with the normal range the baseline gives for that minute's requests (99.9%). */
function fillSeries(points: readonly MinutePoint[], from: number, to: number, alarm: Alarm): EvidencePoint[] {
  const byMinute = new Map(points.map((p) => [p.minute, p]))
  const out: EvidencePoint[] = []
  for (let m = from; m <= to; m++) {
    const p = byMinute.get(m)
    const requests = p?.requests ?? 0
    const minute = new Date(m * MINUTE).toISOString()
    if (alarm.kind === 'rate') {
      const n = requests
      const [lo, hi] = n > 0 ? binomialRange(n, alarm.baseline) : [null, null]
      out.push({ minute, requests, value: n > 0 ? (p?.events ?? 0) / n : null, expected: alarm.baseline, low: lo === null ? null : lo / n, high: hi === null ? null : hi / n })
    } else {
      const [lo, hi] = poissonRange(alarm.baseline)
      out.push({ minute, requests, value: requests, expected: alarm.baseline, low: lo, high: hi })
    }
  }
  return out
}

function binomialRange(n: number, p: number): [number, number] {
  let lo = 0
  while (lo < n && 1 - binomialUpperTail(lo + 1, n, p) < 0.0005) lo++
  let hi = Math.min(n, Math.floor(n * p))
  while (hi < n && binomialUpperTail(hi + 1, n, p) > 0.0005) hi++
  return [lo, hi]
}

function poissonRange(mean: number): [number, number] {
  if (mean <= 0) return [0, 0]
  let lo = 0
  while (lo < mean && poissonLowerTail(lo, mean) < 0.0005) lo++
  let hi = Math.ceil(mean)
  while (poissonUpperTail(hi + 1, mean) > 0.0005) hi++
  return [lo, hi]
}

function growTo(a: Float64Array, size: number): Float64Array<ArrayBuffer> {
  let capacity = a.length
  while (capacity < size) capacity *= 2
  const out = new Float64Array(capacity)
  out.set(a)
  return out
}
