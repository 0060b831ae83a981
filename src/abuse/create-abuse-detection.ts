import { InvalidInputError, NotFoundError } from '../errors.js'
import type { Incidents } from '../incidents/create-incidents.js'
import type { MonitorConfig } from '../monitors/monitor-config.js'
import type { MonitorExtension, MonitorHooks } from '../monitors/monitor-extension.js'
import type { RegressionDetector } from '../monitors/regression-detector.js'
import { loadPseudonymKey, type PseudonymKey } from '../privacy/pseudonym-key.js'
import { type Identity, PSEUDONYM_PREFIX, Pseudonymiser } from '../privacy/pseudonymiser.js'
import { AbuseEngine, type AbuseLog, type AbuseStatus, type ErasedState } from './abuse-engine.js'
import type { EntityDetector } from './entity-detector.js'
import { createEventPreparer } from './event-preparer.js'

const DAY_MS = 86_400_000
/** The retention sweeper runs this often (wall clock); what it deletes is decided on event time. */
const SWEEP_INTERVAL_MS = 3_600_000

export interface AbuseDetectionOptions {
  /** Storage root (a generated pseudonym key is kept under it). */
  readonly storageRoot: string
  /** PSEUDONYM_KEY; undefined: generated once and kept under the storage root. */
  readonly pseudonymKey: string | undefined
  readonly incidents: Incidents
  readonly log: AbuseLog
  /** Run the retention sweeper on a timer (off in tests that call sweep()). */
  readonly sweepEvery?: number | null
}

export interface SubjectErasure {
  readonly monitor: string
  readonly subject: string
  /** Entity state removed, per entity field. */
  readonly erased: ErasedState[]
  /** Raw values dropped from the in-memory pseudonym cache. */
  readonly cache_entries: number
  /** Incidents naming the subject, as their entity or a related one: kept (security records; they go with incident_retention_days). */
  readonly incidents: string[]
}

export interface SweepResult {
  readonly monitor: string
  readonly incidents_deleted: number
}

/** Pseudonyms at ingest and entity (abuse) detection for every monitor: the use case, callable without HTTP. */
export interface AbuseDetection {
  /** Plugs into createMonitors: pseudonymises each event and feeds each monitor's abuse engine. */
  readonly extension: MonitorExtension
  readonly keySource: PseudonymKey['source']
  /** The pseudonym of a raw value (the same for every field and monitor under one key). */
  lookup(value: string): string
  /** Erase an entity's detection state in one monitor. */
  eraseSubject(monitor: string, subject: string): SubjectErasure
  status(monitor: string): AbuseStatus | undefined
  /** Delete resolved incidents past each monitor's incident_retention_days (event time of its latest event). */
  sweep(): Promise<SweepResult[]>
  close(): Promise<void>
}

/** Longest value POST /pseudonyms/lookup accepts (a field value longer than this is not an identifier). */
export const MAX_LOOKUP_LENGTH = 1000

export async function createAbuseDetection(options: AbuseDetectionOptions): Promise<AbuseDetection> {
  const key = await loadPseudonymKey(options.pseudonymKey, options.storageRoot, options.log)
  const pseudonymiser = new Pseudonymiser(key.key)
  const monitors = new Map<string, { engine: AbuseEngine; config: MonitorConfig; detectors: readonly EntityDetector[]; latest: number }>()

  const extension: MonitorExtension = {
    start(name, config, detectors) {
      const entityDetectors = detectors.filter((d: RegressionDetector): d is EntityDetector => d.kind === 'entity')
      const state = { engine: new AbuseEngine({ name, config, detectors: entityDetectors, sink: options.incidents, log: options.log }), config, detectors: entityDetectors, latest: Number.NEGATIVE_INFINITY }
      monitors.set(name, state)
      let prepare = createEventPreparer(config, pseudonymiser)
      const hooks: MonitorHooks = {
        get prepare() {
          return prepare
        },
        observe(event) {
          if (event.time > state.latest) state.latest = event.time
          state.engine.observe(event)
        },
        closeMinute: (minute) => state.engine.closeMinute(minute),
        flush: async () => state.engine.flush(),
        updateConfig(next) {
          prepare = createEventPreparer(next, pseudonymiser)
          // a different table layout (entity fields, capacity, time scales) starts the entity state over
          if (JSON.stringify(tableShape(state.config)) !== JSON.stringify(tableShape(next))) {
            state.engine = new AbuseEngine({ name, config: next, detectors: state.detectors, sink: options.incidents, log: options.log })
          } else state.engine.updateConfig(next)
          state.config = next
        },
        async close() {
          await state.engine.flush()
          if (monitors.get(name) === state) monitors.delete(name)
        },
      }
      return hooks
    },
    async removed(name) {
      monitors.delete(name)
    },
  }

  const identityOf = (subject: string): Identity => {
    const raw = subject.startsWith(PSEUDONYM_PREFIX) ? Buffer.from(subject.slice(PSEUDONYM_PREFIX.length), 'base64url') : undefined
    if (raw !== undefined && raw.length === 16 && raw.toString('base64url') === subject.slice(PSEUDONYM_PREFIX.length)) {
      return { text: subject, hi: raw.readUInt32BE(0), lo: raw.readUInt32BE(4) }
    }
    // a field that is not personal keeps its raw value as the entity's name
    return pseudonymiser.keyed(subject)
  }

  const sweep = async (): Promise<SweepResult[]> => {
    const results: SweepResult[] = []
    for (const [name, state] of monitors) {
      if (!Number.isFinite(state.latest)) continue
      const before = state.latest - state.config.incident_retention_days * DAY_MS
      const deleted = await options.incidents.expireResolved(name, before)
      if (deleted > 0) results.push({ monitor: name, incidents_deleted: deleted })
    }
    return results
  }
  const every = options.sweepEvery === undefined ? SWEEP_INTERVAL_MS : options.sweepEvery
  const timer =
    every === null
      ? undefined
      : setInterval(() => {
          sweep().catch((err: unknown) => options.log.error({ err }, 'the retention sweeper failed'))
        }, every)
  timer?.unref()

  return {
    extension,
    keySource: key.source,
    lookup(value) {
      if (value.length === 0 || value.length > MAX_LOOKUP_LENGTH) {
        throw new InvalidInputError(`value must be 1 to ${MAX_LOOKUP_LENGTH} characters; got ${value.length}`, { field: 'value', limit: MAX_LOOKUP_LENGTH })
      }
      return pseudonymiser.of(value).text
    },
    eraseSubject(monitor, subject) {
      const state = monitors.get(monitor)
      if (state === undefined) throw new NotFoundError(`monitor '${monitor}' does not exist`, { field: 'name', value: monitor })
      const id = identityOf(subject)
      const erased = state.engine.erase(id.hi, id.lo)
      const cache = pseudonymiser.forget(id.text)
      const incidents = options.incidents
        .openIncidents(monitor)
        .concat(options.incidents.list({ monitor, status: 'resolved', limit: 500 }).incidents)
        .filter((i) => Object.values(i.dimensions).includes(id.text) || (i.evidence.related_entities ?? []).some((r) => r.entity === id.text))
        .map((i) => i.incident_id)
      return { monitor, subject: id.text, erased, cache_entries: cache, incidents: [...new Set(incidents)] }
    },
    status: (monitor) => monitors.get(monitor)?.engine.status(),
    sweep,
    async close() {
      if (timer !== undefined) clearInterval(timer)
    },
  }
}

function tableShape(config: MonitorConfig): unknown[] {
  const e = config.entities
  return [e.user_field, e.ip_field, e.card_holder_field, e.max_entities]
}
