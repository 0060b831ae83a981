import { DDSketch } from '@datadog/sketches-js'
import type { IncidentCandidate, IncidentSink } from '../monitors/incident-sink.js'
import type { MonitorConfig } from '../monitors/monitor-config.js'
import type { RequestEvent } from '../monitors/request-event.js'
import { abuseCandidate } from './abuse-evidence.js'
import type { EntityDetector, EntityKind } from './entity-detector.js'
import { EMPTY_POPULATION, entityAlpha, judgeEntity, type DecayTimes, type PopulationStats } from './entity-judgement.js'
import { EntitySeries, WatchList } from './entity-series.js'
import { COUNTERS, EntityTable, WATCHED } from './entity-table.js'
import { RelatedEntities } from './related-entities.js'

const MINUTE = 60_000
const DAY_SECONDS = 86_400
/**
 * An alarming entity folds into another field's alarmed entity when that one
 * sent at least this share of its recent suspect requests (by the one-slot
 * heavy-hitter count, a lower bound: 0.5 means about three quarters or more).
 */
const DOMINANT_SHARE = 0.5

export interface AbuseLog {
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface AbuseEngineOptions {
  readonly name: string
  readonly config: MonitorConfig
  /** The monitor's entity detectors, in its config's order. */
  readonly detectors: readonly EntityDetector[]
  readonly sink: IncidentSink
  readonly log: AbuseLog
}

/** One entity field (users, IPs or card holders) with its table, its detectors and what its population does. */
interface Follow {
  readonly kind: EntityKind
  readonly field: string
  readonly table: EntityTable
  readonly detectors: readonly EntityDetector[]
  population: PopulationStats[]
  readonly watch: WatchList
  /** The other entity fields, in the order of the table's partner slots. */
  partners: Follow[]
}

/**
 * An entity alarmed for one detector: observed every minute until its
 * incident resolves. A root owns an incident; a folded entity (`root` set)
 * is part of its root's attack and listed in the root's evidence instead.
 */
interface AlarmRecord {
  readonly key: string
  readonly follow: Follow
  readonly column: number
  readonly hi: number
  readonly lo: number
  readonly entity: string
  /** Suspect requests since its incident was last reported (news for the next minute's update). */
  fresh: number
  readonly root: AlarmRecord | undefined
  /** A root's folded entities. */
  related: RelatedEntities | undefined
}

/** What an erasure removed from one entity field. */
export interface ErasedState {
  readonly field: string
  readonly entity_state: boolean
  readonly series: boolean
  readonly alarms: number
}

export interface AbuseStatus {
  readonly entities: Record<string, { readonly kept: number; readonly slots: number; readonly evicted: number; readonly bytes: number; readonly watched: number }>
  readonly alarmed: number
  readonly bytes: number
}

/**
 * One monitor's entity detection (card testing, DDoS, fuzzing). Fed by the
 * regression engine's event loop: `observe` per processed event (event-time
 * order), `closeMinute` per closed minute, `flush` after each slice to hand
 * incidents over. Per entity it keeps decaying counts in a bounded typed-array
 * table; each closed minute it scans the tables to learn what the population
 * does; at each suspect request it tests the entity (entity-judgement.ts).
 */
export class AbuseEngine {
  private config: MonitorConfig
  private readonly follows: Follow[]
  private readonly detectorsOf = new Map<string, number>()
  private readonly alarms = new Map<string, AlarmRecord>()
  private readonly pending: IncidentCandidate[] = []
  private readonly observations: { record: AlarmRecord; at: string; inRange: boolean }[] = []
  /** Seconds of event time are counted from here (epoch seconds), so they fit 32 bits. */
  private base = -1
  private latestSecond = 0
  private decay: DecayTimes
  private kRecent: number
  private kLong: number

  constructor(private readonly options: AbuseEngineOptions) {
    this.config = options.config
    const kinds: EntityKind[] = ['user', 'ip', 'card_holder']
    this.follows = []
    for (const kind of kinds) {
      const detectors = options.detectors.filter((d) => d.entities.includes(kind))
      if (detectors.length === 0) continue
      for (const d of detectors) this.detectorsOf.set(d.name, (this.detectorsOf.get(d.name) ?? 0) + 1)
      const others = kinds.filter((k) => k !== kind && options.detectors.some((d) => d.entities.includes(k))).length
      const table = new EntityTable(detectors.length, true, options.config.entities.max_entities, others)
      const follow: Follow = { kind, field: fieldOf(options.config, kind), table, detectors, population: detectors.map(() => EMPTY_POPULATION), watch: new WatchList(), partners: [] }
      table.onEvict = (hi, lo) => this.forget(follow, hi, lo)
      this.follows.push(follow)
    }
    for (const follow of this.follows) follow.partners = this.follows.filter((f) => f !== follow)
    this.decay = decayTimes(options.config)
    this.kRecent = 1 / this.decay.recent
    this.kLong = 1 / this.decay.long
  }

  /** Severity, webhook, retention and thresholds apply at once; field names are read by the preparer. */
  updateConfig(config: MonitorConfig): void {
    this.config = config
    this.decay = decayTimes(config)
    this.kRecent = 1 / this.decay.recent
    this.kLong = 1 / this.decay.long
  }

  observe(event: RequestEvent): void {
    const actor = event.actor
    if (actor === undefined) return
    if (this.base < 0) this.base = Math.floor(event.time / 1000) - 1
    const now = Math.max(1, Math.floor(event.time / 1000) - this.base)
    if (now > this.latestSecond) this.latestSecond = now
    const minute = Math.floor(event.time / MINUTE)
    const e = this.config.entities
    for (const follow of this.follows) {
      const id = follow.kind === 'user' ? actor.user : follow.kind === 'ip' ? actor.ip : actor.cardHolder
      if (id === undefined) continue
      const table = follow.table
      const slot = table.touch(id.hi, id.lo, now, this.kRecent, this.kLong)
      table.requests[slot] = Math.min(0xffffffff, (table.requests[slot] as number) + 1)
      const novel = actor.card === undefined || !table.trackCards ? true : table.noteCard(slot, actor.card.lo & 0xffff)
      let series = ((table.flags[slot] as number) & WATCHED) !== 0 ? follow.watch.get(id.hi, id.lo) : undefined
      series?.add(minute, -1, false, actor.card !== undefined && novel)
      const c = table.counters
      const width = follow.detectors.length
      let partnersNoted = false
      for (let j = 0; j < width; j++) {
        const detector = follow.detectors[j] as EntityDetector
        const outcome = detector.classify(actor, event.status, novel)
        if (outcome < 0) continue
        const b = (slot * width + j) * COUNTERS
        const alarmed = ((table.flags[slot] as number) & (1 << j)) !== 0
        c[b + 1] = (c[b + 1] as number) + 1
        // an alarmed entity's own baseline does not learn the attack
        if (!alarmed) {
          c[b + 3] = (c[b + 3] as number) + 1
          if (outcome === 1) c[b + 2] = (c[b + 2] as number) + 1
        }
        if (outcome !== 1) continue
        c[b] = (c[b] as number) + 1
        if (!partnersNoted) {
          // who sent this suspect request in the other fields (before any test, so an alarm sees it)
          partnersNoted = true
          for (let p = 0; p < follow.partners.length; p++) {
            const kind = (follow.partners[p] as Follow).kind
            const other = kind === 'user' ? actor.user : kind === 'ip' ? actor.ip : actor.cardHolder
            if (other !== undefined) table.notePartner(slot, p, other.lo)
          }
        }
        if (alarmed) {
          const record = this.alarms.get(alarmKey(follow, id.hi, id.lo, j))
          if (record !== undefined) {
            // a folded entity's news is its root's: the root's incident is what gets updated
            const root = record.root
            if (root === undefined) record.fresh++
            else {
              root.fresh++
              root.related?.bump(record.key)
            }
          }
          series?.add(minute, j, true, false)
          continue
        }
        const k = c[b] as number
        if (k < 2 || k < e.min_share * (c[b + 1] as number)) {
          series?.add(minute, j, true, false)
          continue
        }
        if (series === undefined) {
          // two suspect requests, mostly suspect: keep its per-minute series from now on, for the evidence
          series = new EntitySeries(id.hi, id.lo, id.text, minute, width)
          series.add(minute, -1, false, actor.card !== undefined && novel)
          const dropped = follow.watch.add(series)
          if (dropped !== undefined) this.unwatch(follow, dropped.hi, dropped.lo)
          table.flags[slot] = (table.flags[slot] as number) | WATCHED
        }
        series.add(minute, j, true, false)
        if (k >= e.min_events) this.test(follow, j, slot, id.text, id.hi, id.lo, event.time, now)
      }
    }
  }

  /** Each closed minute: learn the population, sweep stale entities, check alarmed ones for recovery and report their news. */
  closeMinute(minute: number): void {
    if (this.base < 0) return
    const now = Math.max(1, (minute + 1) * 60 - this.base)
    const retention = this.config.entity_retention_days * DAY_SECONDS
    for (const follow of this.follows) this.scan(follow, now, retention)
    const at = new Date((minute + 1) * MINUTE).toISOString()
    for (const record of this.alarms.values()) {
      const { follow, column } = record
      const slot = follow.table.find(record.hi, record.lo)
      if (slot < 0) continue
      const judged = this.judge(follow, column, slot, now)
      const alpha = this.alphaFor(follow, column)
      const inRange = judged.suspect < this.config.entities.min_events || judged.judgement.p > alpha
      if (record.root !== undefined) {
        // a folded entity has no incident of its own: it leaves its root's attack once calm, or when the root resolved
        if (inRange || this.alarms.get(record.root.key) !== record.root) this.clearAlarm(record)
        continue
      }
      this.observations.push({ record, at, inRange })
      // still attacking: the incident's evidence is brought up to date each minute (same type and entity: one incident)
      if (record.fresh > 0) {
        record.fresh = 0
        const time = (follow.table.lastSeen[slot] as number) + this.base
        this.pending.push(this.finding(follow, column, slot, record.entity, record.hi, record.lo, time * 1000, judged, alpha))
      }
    }
  }

  /** Hand incidents and recovery observations to the sink (after each slice of the regression engine). */
  async flush(): Promise<void> {
    const monitor = { name: this.options.name, config: this.config }
    for (const candidate of this.pending.splice(0)) {
      try {
        await this.options.sink.report(candidate, monitor)
      } catch (err) {
        this.options.log.error({ err, monitor: this.options.name, type: candidate.type }, 'could not report an abuse incident')
      }
    }
    for (const { record, at, inRange } of this.observations.splice(0)) {
      const type = record.follow.detectors[record.column]?.name ?? ''
      const resolved = await this.options.sink.observe(this.options.name, type, { [record.follow.field]: record.entity }, at, inRange, this.config)
      if (Array.isArray(resolved) && resolved.length > 0) this.clearAlarm(record)
    }
  }

  /** Erase everything kept about one entity (by pseudonym, or raw value of a field that is not personal). */
  erase(hi: number, lo: number): ErasedState[] {
    const out: ErasedState[] = []
    for (const follow of this.follows) {
      const slot = follow.table.find(hi, lo)
      const { series, alarms } = this.forget(follow, hi, lo)
      if (slot >= 0) follow.table.erase(slot)
      if (slot >= 0 || series || alarms > 0) out.push({ field: follow.field, entity_state: slot >= 0, series, alarms })
    }
    return out
  }

  status(): AbuseStatus {
    const entities: Record<string, AbuseStatus['entities'][string]> = {}
    let bytes = 0
    for (const f of this.follows) {
      entities[f.field] = { kept: f.table.count, slots: f.table.slots, evicted: f.table.evictions, bytes: f.table.bytes, watched: f.watch.size }
      bytes += f.table.bytes
    }
    return { entities, alarmed: this.alarms.size, bytes }
  }

  private test(follow: Follow, column: number, slot: number, entity: string, hi: number, lo: number, time: number, now: number): void {
    const judged = this.judge(follow, column, slot, now)
    const alpha = this.alphaFor(follow, column)
    if (!(judged.judgement.p <= alpha)) return
    const root = this.dominantAlarm(follow, column, slot, judged.suspect, time, now)
    const record = this.alarm(follow, column, slot, entity, hi, lo, root)
    if (root === undefined) {
      this.pending.push(this.finding(follow, column, slot, entity, hi, lo, time, judged, alpha))
      return
    }
    // one attack, one incident: this entity is listed in its root's evidence at the next minute's update
    root.related ??= new RelatedEntities()
    root.related.add(record.key, follow.field, entity, Math.round(judged.suspect))
    root.fresh++
  }

  private alarm(follow: Follow, column: number, slot: number, entity: string, hi: number, lo: number, root: AlarmRecord | undefined): AlarmRecord {
    follow.table.flags[slot] = (follow.table.flags[slot] as number) | (1 << column)
    const key = alarmKey(follow, hi, lo, column)
    const record: AlarmRecord = { key, follow, column, hi, lo, entity, fresh: 0, root, related: undefined }
    this.alarms.set(key, record)
    return record
  }

  /**
   * The incident an alarming entity belongs to, if another field's entity
   * sent most of its recent suspect requests (its heavy-hitter partner) and
   * is alarmed for the same detector, or alarms now: a user's proxy
   * addresses, an address's throwaway accounts. The entity that explains
   * more suspect requests names the incident; of several, the heaviest.
   */
  private dominantAlarm(follow: Follow, column: number, slot: number, suspect: number, time: number, now: number): AlarmRecord | undefined {
    const name = (follow.detectors[column] as EntityDetector).name
    const t = follow.table
    let best: AlarmRecord | undefined
    let bestWeight = DOMINANT_SHARE * suspect
    for (let p = 0; p < follow.partners.length; p++) {
      const weight = t.partnerWeight(slot, p)
      if (!(weight >= bestWeight)) continue
      const other = follow.partners[p] as Follow
      const j = other.detectors.findIndex((d) => d.name === name)
      if (j < 0) continue
      const os = other.table.findLow(t.partnerKey[slot * t.partners + p] as number)
      if (os < 0) continue
      const hi = other.table.keyHi[os] as number
      const lo = other.table.keyLo[os] as number
      const record = this.alarms.get(alarmKey(other, hi, lo, j)) ?? this.alarmNow(other, j, os, hi, lo, time, now)
      const root = record?.root ?? record
      // a root that resolved since (its folded entity not yet cleared) has no incident left to join
      if (root === undefined || this.alarms.get(root.key) !== root) continue
      best = root
      bestWeight = weight
    }
    return best
  }

  /**
   * The same tick: the dominant partner of an alarming entity is tested at
   * once (it passes min_events and min_share and is watched, so its name is
   * known) and, if improbable, opens the incident itself.
   */
  private alarmNow(follow: Follow, column: number, slot: number, hi: number, lo: number, time: number, now: number): AlarmRecord | undefined {
    const series = follow.watch.get(hi, lo)
    if (series === undefined) return undefined
    const judged = this.judge(follow, column, slot, now)
    const e = this.config.entities
    if (judged.suspect < e.min_events || judged.suspect < e.min_share * judged.requests) return undefined
    const alpha = this.alphaFor(follow, column)
    if (!(judged.judgement.p <= alpha)) return undefined
    const record = this.alarm(follow, column, slot, series.text, hi, lo, undefined)
    const seen = ((follow.table.lastSeen[slot] as number) + this.base) * 1000
    this.pending.push(this.finding(follow, column, slot, series.text, hi, lo, Math.min(time, seen), judged, alpha))
    return record
  }

  private judge(follow: Follow, column: number, slot: number, now: number): { suspect: number; requests: number; judgement: ReturnType<typeof judgeEntity> } {
    const t = follow.table
    const b = (slot * follow.detectors.length + column) * COUNTERS
    const dt = Math.max(0, now - (t.lastSeen[slot] as number))
    const recent = Math.exp(-dt * this.kRecent)
    const long = Math.exp(-dt * this.kLong)
    const suspect = (t.counters[b] as number) * recent
    const requests = (t.counters[b + 1] as number) * recent
    const judgement = judgeEntity(
      { suspect, requests, suspectLong: (t.counters[b + 2] as number) * long, requestsLong: (t.counters[b + 3] as number) * long, ageSeconds: now - (t.firstSeen[slot] as number) },
      follow.population[column] ?? EMPTY_POPULATION,
      this.decay,
    )
    return { suspect, requests, judgement }
  }

  /** Bonferroni: the monitor's false alarms per day, per detector, split over the entity fields it follows and their active entities. */
  private alphaFor(follow: Follow, column: number): number {
    const detector = follow.detectors[column] as EntityDetector
    const fields = this.detectorsOf.get(detector.name) ?? 1
    return entityAlpha(this.config.entities.false_alarms_per_day / fields, (follow.population[column] ?? EMPTY_POPULATION).active)
  }

  private finding(
    follow: Follow,
    column: number,
    slot: number,
    entity: string,
    hi: number,
    lo: number,
    time: number,
    judged: { suspect: number; requests: number; judgement: ReturnType<typeof judgeEntity> },
    alpha: number,
  ): IncidentCandidate {
    const t = follow.table
    return abuseCandidate({
      detector: follow.detectors[column] as EntityDetector,
      column,
      field: follow.field,
      entity,
      time,
      firstSeen: ((t.firstSeen[slot] as number) + this.base) * 1000,
      requestsSeen: t.requests[slot] as number,
      suspect: judged.suspect,
      requests: judged.requests,
      judgement: judged.judgement,
      population: follow.population[column] ?? EMPTY_POPULATION,
      alpha,
      windowMinutes: this.decay.recent / 60,
      series: follow.watch.get(hi, lo),
      related: this.alarms.get(alarmKey(follow, hi, lo, column))?.related,
    })
  }

  /**
   * One pass over a table at a closed minute: each entity's recent counts
   * decayed to now give the population's 99th percentile and median of
   * suspect counts among active entities (DDSketch, 1% relative accuracy)
   * and its suspect share; entities silent longer than the retention go.
   */
  private scan(follow: Follow, now: number, retention: number): void {
    const t = follow.table
    const width = follow.detectors.length
    const sketches = follow.detectors.map(() => new DDSketch({ relativeAccuracy: 0.01 }))
    const active = new Float64Array(width)
    const suspectSum = new Float64Array(width)
    const requestSum = new Float64Array(width)
    const c = t.counters
    for (let slot = 0; slot < t.slots; slot++) {
      const last = t.lastSeen[slot] as number
      if (last === 0) continue
      const dt = now - last
      if (dt > retention) {
        if ((t.flags[slot] as number) !== 0) this.forget(follow, t.keyHi[slot] as number, t.keyLo[slot] as number)
        t.erase(slot)
        continue
      }
      const f = dt > 0 ? Math.exp(-dt * this.kRecent) : 1
      for (let j = 0; j < width; j++) {
        const b = (slot * width + j) * COUNTERS
        const requests = (c[b + 1] as number) * f
        if (requests < 0.5) continue
        const suspect = (c[b] as number) * f
        active[j] = (active[j] as number) + 1
        suspectSum[j] = (suspectSum[j] as number) + suspect
        requestSum[j] = (requestSum[j] as number) + requests
        ;(sketches[j] as DDSketch).accept(suspect)
      }
    }
    follow.population = follow.detectors.map((_, j) => {
      const n = active[j] as number
      const sketch = sketches[j] as DDSketch
      return {
        active: n,
        countHigh: n > 0 ? Math.max(0, sketch.getValueAtQuantile(0.99)) : 0,
        countMid: n > 0 ? Math.max(0, sketch.getValueAtQuantile(0.5)) : 0,
        share: ((suspectSum[j] as number) + 1) / ((requestSum[j] as number) + 20),
        requests: requestSum[j] as number,
      }
    })
  }

  /** Drop an entity's series and alarm records (eviction, retention, erasure). */
  private forget(follow: Follow, hi: number, lo: number): { series: boolean; alarms: number } {
    const series = follow.watch.delete(hi, lo)
    let alarms = 0
    for (let j = 0; j < follow.detectors.length; j++) {
      const record = this.alarms.get(alarmKey(follow, hi, lo, j))
      if (record === undefined) continue
      this.alarms.delete(record.key)
      record.root?.related?.delete(record.key)
      alarms++
    }
    return { series, alarms }
  }

  private unwatch(follow: Follow, hi: number, lo: number): void {
    const slot = follow.table.find(hi, lo)
    if (slot >= 0) follow.table.flags[slot] = (follow.table.flags[slot] as number) & ~WATCHED
  }

  private clearAlarm(record: AlarmRecord): void {
    this.alarms.delete(alarmKey(record.follow, record.hi, record.lo, record.column))
    const slot = record.follow.table.find(record.hi, record.lo)
    if (slot >= 0) record.follow.table.flags[slot] = (record.follow.table.flags[slot] as number) & ~(1 << record.column)
  }
}

function fieldOf(config: MonitorConfig, kind: EntityKind): string {
  const e = config.entities
  return kind === 'user' ? e.user_field : kind === 'ip' ? e.ip_field : e.card_holder_field
}

function decayTimes(config: MonitorConfig): DecayTimes {
  return { recent: (config.entities.half_life_minutes * 60) / Math.LN2, long: (config.entities.baseline_half_life_hours * 3600) / Math.LN2 }
}

function alarmKey(follow: Follow, hi: number, lo: number, column: number): string {
  return `${follow.kind}:${hi}:${lo}:${column}`
}
