import { Value } from 'typebox/value'
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js'
import type { MonitorConfig } from '../monitors/monitor-config.js'
import { assertId } from '../store/ids.js'
import { dimensionRelation, type Dimensions } from './dimension-relation.js'
import { IncidentCandidate } from './incident-candidate.js'
import { absorbCandidate, findAbsorber, openIncident, pushTimeline, type MonitorRef } from './incident-changes.js'
import { newIncidentId } from './incident-id.js'
import { IncidentIndex } from './incident-index.js'
import type { Delivery, DeliveryEvent, Incident } from './incident-schema.js'
import { openIncidentFiles, type StoreLog } from './incident-store.js'
import { pageIncidents, type IncidentFilter, type IncidentPage } from './list-incidents.js'
import { createWebhookDispatcher, DEFAULT_RETRY, type RetryPolicy } from './webhook-dispatcher.js'

/** Webhook delivery attempts kept per incident. */
export const DELIVERY_LOG_LIMIT = 50

export interface IncidentsOptions {
  /** Directory of the incident files (`<storage>/incidents`). */
  readonly root: string
  readonly log: StoreLog
  /** Webhook transport; the global fetch by default. */
  readonly fetch?: typeof fetch
  /** Wall clock (updated_at, manual acknowledge/resolve, delivery log). Detection times come from the candidates. */
  readonly now?: () => number
  /** Current config of a monitor, for webhooks on manual resolve; falls back to the last config seen by report/observe. */
  readonly configOf?: (monitor: string) => MonitorConfig | undefined
  readonly retry?: Partial<RetryPolicy>
  /** Jitter source of the webhook backoff (tests pin it). */
  readonly random?: () => number
}

export interface ReportResult {
  readonly incident: Incident
  readonly action: 'opened' | 'updated'
}

export interface NoteInput {
  readonly note?: string | undefined
}

/** The incident use cases: no HTTP here. Incidents returned are copies. */
export interface Incidents {
  /** Open an incident for a detected regression, or fold it into the active one on the same or a related combination. */
  report(candidate: IncidentCandidate, monitor: MonitorRef): Promise<ReportResult>
  /**
   * The engine's view of an active incident's metric at an event time: in its
   * normal range or not. An incident in range for `resolve_after_minutes` of
   * event time resolves (resolved_by 'auto'). Returns the incidents resolved.
   */
  observe(monitor: string, type: string, dimensions: Dimensions, at: string, inRange: boolean, config: MonitorConfig): Promise<Incident[]>
  /** Open and acknowledged incidents of a monitor: the combinations the engine keeps observing. */
  openIncidents(monitor: string): Incident[]
  list(filter: IncidentFilter): IncidentPage
  get(id: string): Incident
  acknowledge(id: string, input?: NoteInput): Promise<Incident>
  resolve(id: string, input?: NoteInput): Promise<Incident>
  /** Forget every incident of a deleted monitor (files and pending webhook deliveries). Returns how many. */
  deleteForMonitor(monitor: string): Promise<number>
  /** Delete a monitor's resolved incidents whose last detection (event time) is before `before` (retention). Returns how many. */
  expireResolved(monitor: string, before: number): Promise<number>
  /** Webhook deliveries waiting or in flight. */
  pendingDeliveries(): number
  /** Stop webhook retries and wait for the last writes. */
  close(): Promise<void>
}

/**
 * Incident records and their lifecycle: dedup, severity, titles, auto-resolve
 * on event time, webhook delivery, one JSON file per incident with an
 * in-memory index loaded here.
 */
export async function createIncidents(options: IncidentsOptions): Promise<Incidents> {
  const now = options.now ?? Date.now
  const nowIso = (): string => new Date(now()).toISOString()
  const lastConfig = new Map<string, MonitorConfig>()
  let index = new IncidentIndex()
  const files = await openIncidentFiles(options.root, (id) => index.get(id), options.log)
  const stored = await files.loadAll()
  // the auto-resolve clock is not written on every tick (only with the incident's other changes): it starts over after a restart
  for (const incident of stored) delete incident.in_range_since
  index = new IncidentIndex(stored)

  const dispatcher = createWebhookDispatcher({
    fetch: options.fetch ?? fetch,
    now,
    log: options.log,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    random: options.random,
    exists: (id) => index.has(id),
    record: (id, delivery) => recordDelivery(id, delivery),
  })

  const save = async (id: string): Promise<void> => {
    try {
      await files.save(id)
    } catch (err) {
      options.log.error({ incident_id: id, err }, 'could not write the incident file')
      throw err
    }
  }

  const recordDelivery = (id: string, delivery: Delivery): void => {
    const incident = index.get(id)
    if (incident === undefined) return
    incident.deliveries.push(delivery)
    if (incident.deliveries.length > DELIVERY_LOG_LIMIT) incident.deliveries.splice(0, incident.deliveries.length - DELIVERY_LOG_LIMIT)
    save(id).catch(() => undefined)
  }

  const notify = (incident: Incident, event: DeliveryEvent, config: MonitorConfig | undefined): void => {
    const webhook = config?.webhook
    if (webhook === undefined) return
    // the receiver gets the incident without Vigil's own delivery log
    const payload: Partial<Incident> = structuredClone(incident)
    delete payload.deliveries
    dispatcher.send({ incidentId: incident.incident_id, event, incident: payload, target: webhook })
  }

  const configFor = (monitor: string): MonitorConfig | undefined => options.configOf?.(monitor) ?? lastConfig.get(monitor)

  const find = (id: string): Incident => {
    const incident = index.get(id)
    if (incident === undefined) throw new NotFoundError(`incident '${id}' not found`, { field: 'incident_id', value: id })
    return incident
  }

  const markResolved = (incident: Incident, at: string, by: 'auto' | 'manual', note: string | undefined): void => {
    incident.status = 'resolved'
    incident.resolved_at = at
    incident.resolved_by = by
    if (note !== undefined) incident.resolve_note = note
    delete incident.in_range_since
    incident.updated_at = nowIso()
    index.resolved(incident)
    pushTimeline(incident, note === undefined ? { at, event: 'resolved' } : { at, event: 'resolved', note })
  }

  return {
    async report(candidate, monitor) {
      assertId('monitor', monitor.name)
      assertCandidate(candidate)
      lastConfig.set(monitor.name, monitor.config)
      const absorber = findAbsorber(index.active(monitor.name), monitor.name, candidate)
      if (absorber !== undefined) {
        const { changed } = absorbCandidate(absorber, candidate, monitor.config, nowIso())
        await save(absorber.incident_id)
        if (changed) notify(absorber, 'updated', monitor.config)
        return { incident: structuredClone(absorber), action: 'updated' }
      }
      const incident = openIncident(newIncidentId(Date.parse(candidate.detected_at)), candidate, monitor, nowIso())
      index.add(incident)
      try {
        await save(incident.incident_id)
      } catch (err) {
        // not on disk, so not opened: the engine's next detection tries again
        index.remove(incident.incident_id)
        throw err
      }
      notify(incident, 'opened', monitor.config)
      return { incident: structuredClone(incident), action: 'opened' }
    },

    async observe(monitor, type, dimensions, at, inRange, config) {
      const atMs = Date.parse(at)
      if (Number.isNaN(atMs)) throw new InvalidInputError(`at must be an ISO 8601 time; got '${at}'`, { field: 'at', value: at })
      lastConfig.set(monitor, config)
      // a config built without the schema's defaults must not resolve on the second minute
      const minutes = Number.isFinite(config.resolve_after_minutes) && config.resolve_after_minutes > 0 ? config.resolve_after_minutes : 15
      const windowMs = minutes * 60_000
      const resolved: Incident[] = []
      const watched = index.active(monitor).filter((i) => i.type === type && dimensionRelation(i.dimensions, dimensions) === 'equal')
      // in_range_since is bookkeeping written with the incident's next real change, not a disk write per minute
      for (const incident of watched) {
        // a minute before the latest detection says nothing about recovery
        if (atMs < Date.parse(incident.last_seen_at)) continue
        const since = incident.in_range_since === undefined ? undefined : Date.parse(incident.in_range_since)
        if (!inRange) {
          // out of range again: the clock starts over at the next in-range minute
          if (since !== undefined && atMs >= since) delete incident.in_range_since
          continue
        }
        if (since === undefined) {
          incident.in_range_since = new Date(atMs).toISOString()
          continue
        }
        if (atMs - since < windowMs) continue
        markResolved(incident, new Date(atMs).toISOString(), 'auto', undefined)
        await save(incident.incident_id)
        resolved.push(structuredClone(incident))
        notify(incident, 'resolved', config)
      }
      return resolved
    },

    openIncidents(monitor) {
      return index.active(monitor).map((i) => structuredClone(i))
    },

    list(filter) {
      assertWindow(filter)
      const page = pageIncidents(index.ids, (id) => index.get(id), filter)
      return { incidents: page.incidents.map((i) => structuredClone(i)), next_cursor: page.next_cursor }
    },

    get(id) {
      return structuredClone(find(id))
    },

    async acknowledge(id, input = {}) {
      const incident = find(id)
      if (incident.status === 'resolved') {
        throw new ConflictError(`incident '${id}' is already resolved (at ${incident.resolved_at}); there is nothing to acknowledge`, { field: 'status', value: incident.status })
      }
      const at = nowIso()
      if (incident.status === 'open') {
        incident.status = 'acknowledged'
        incident.acknowledged_at = at
      }
      if (input.note !== undefined) incident.ack_note = input.note
      incident.updated_at = at
      pushTimeline(incident, input.note === undefined ? { at, event: 'acknowledged' } : { at, event: 'acknowledged', note: input.note })
      await save(id)
      return structuredClone(incident)
    },

    async resolve(id, input = {}) {
      const incident = find(id)
      if (incident.status === 'resolved') {
        throw new ConflictError(`incident '${id}' is already resolved (${incident.resolved_by ?? 'manual'}, at ${incident.resolved_at})`, { field: 'status', value: incident.status })
      }
      markResolved(incident, nowIso(), 'manual', input.note)
      await save(id)
      notify(incident, 'resolved', configFor(incident.monitor))
      return structuredClone(incident)
    },

    async deleteForMonitor(monitor) {
      const doomed = index.ofMonitor(monitor)
      for (const id of doomed) index.remove(id)
      lastConfig.delete(monitor)
      for (const id of doomed) await files.remove(id)
      return doomed.length
    },

    async expireResolved(monitor, before) {
      const doomed = index.ofMonitor(monitor).filter((id) => {
        const incident = index.get(id)
        return incident !== undefined && incident.status === 'resolved' && Date.parse(incident.last_seen_at) < before
      })
      for (const id of doomed) index.remove(id)
      for (const id of doomed) await files.remove(id)
      return doomed.length
    },

    pendingDeliveries: () => dispatcher.pending(),

    async close() {
      await dispatcher.close()
      await files.idle()
    },
  }
}

function assertCandidate(candidate: IncidentCandidate): void {
  if (!Value.Check(IncidentCandidate, candidate)) {
    const first = Value.Errors(IncidentCandidate, candidate)[0]
    const field = first?.instancePath.replace(/^\//, '').replaceAll('/', '.') || 'candidate'
    throw new InvalidInputError(`incident candidate ${field} ${first?.message ?? 'is invalid'}`, { field })
  }
  for (const field of ['started_at', 'detected_at'] as const) {
    const year = new Date(candidate[field]).getUTCFullYear()
    if (!(year >= 1970 && year <= 9999)) throw new InvalidInputError(`incident candidate ${field} must be between 1970 and 9999; got '${candidate[field]}'`, { field, value: candidate[field] })
  }
}

function assertWindow(filter: IncidentFilter): void {
  for (const field of ['since', 'until'] as const) {
    const value = filter[field]
    if (value !== undefined && Number.isNaN(Date.parse(value))) throw new InvalidInputError(`${field} must be an ISO 8601 time; got '${value}'`, { field, value })
  }
  if (filter.since !== undefined && filter.until !== undefined && Date.parse(filter.since) >= Date.parse(filter.until)) {
    throw new InvalidInputError(`since (${filter.since}) must be before until (${filter.until})`, { field: 'since', value: filter.since, limit: filter.until })
  }
}
