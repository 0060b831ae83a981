import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { NotFoundError, VigilError } from '../errors.js'
import { writeFileAtomic } from '../store/atomic-write.js'
import { assertId } from '../store/ids.js'
import { checkMonitorConfig } from './check-monitor-config.js'
import { createDetectorRegistry, type DetectorRegistry } from './detector-registry.js'
import { type BatchError, parseEventBatch } from './event-batch.js'
import type { IncidentSink } from './incident-sink.js'
import type { MonitorExtension, MonitorHooks } from './monitor-extension.js'
import { type EngineLog, type EngineStatus, MonitorEngine } from './monitor-engine.js'
import type { MonitorConfig } from './monitor-config.js'
import { MONITOR_FORMAT_VERSION, MONITOR_KIND, type MonitorRecord } from './monitor-record.js'
import { MinuteStore } from './minute-store.js'
import type { RegressionDetector } from './regression-detector.js'

/** 429: the monitor's detection queue is full; `retry_after` becomes the Retry-After header. */
export class IngestBusyError extends VigilError {
  constructor(message: string, details: Record<string, unknown>) {
    super(429, message, details)
  }
}

export interface MonitorsOptions {
  /** Storage root of the monitors (configs and the aggregates database). */
  readonly root: string
  readonly sink: IncidentSink
  readonly log: EngineLog
  /** Events waiting for detection per monitor before ingest answers 429. */
  readonly queueLimit?: number
  /** A JSON file of monitors to create or update at start ({"name": config, …}). */
  readonly monitorsFile?: string
  /** Extra regression detectors (plugins). */
  readonly detectors?: readonly RegressionDetector[]
  /** Hooks into every monitor's ingest and engine (pseudonyms and entity detection: src/abuse/). */
  readonly extension?: MonitorExtension
}

export interface MonitorView {
  readonly name: string
  readonly config: MonitorConfig
  readonly created_at: string
  readonly updated_at: string
  readonly source: 'api' | 'file'
  readonly status: EngineStatus
}

export interface IngestResult {
  readonly monitor: string
  readonly accepted: number
  readonly rejected: number
  readonly errors: BatchError[]
  readonly pending_events: number
}

export interface Monitors {
  readonly registry: DetectorRegistry
  put(name: string, config: unknown, source?: 'api' | 'file'): Promise<{ monitor: MonitorView; created: boolean; state: 'new' | 'kept' | 'reset' }>
  get(name: string): MonitorView
  list(): MonitorView[]
  remove(name: string): Promise<void>
  ingest(name: string, body: unknown): IngestResult
  /** Wait until the monitor has processed every queued event and reported its alarms. */
  drain(name: string): Promise<EngineStatus>
  close(): Promise<void>
}

const DEFAULT_QUEUE_LIMIT = 2_000_000

/**
 * The regression monitors use case: configs (API and monitors.json), event
 * ingest with a bounded queue per monitor, and one detection engine each.
 * Callable without HTTP.
 */
export async function createMonitors(options: MonitorsOptions): Promise<Monitors> {
  const registry = createDetectorRegistry(options.detectors)
  const configsDir = path.join(options.root, 'configs')
  await mkdir(configsDir, { recursive: true })
  const store = await MinuteStore.open(path.join(options.root, 'aggregates.duckdb'))
  const records = new Map<string, MonitorRecord>()
  const engines = new Map<string, MonitorEngine>()
  const queueLimit = options.queueLimit ?? DEFAULT_QUEUE_LIMIT

  const hooks = new Map<string, MonitorHooks>()
  const startEngine = async (record: MonitorRecord): Promise<MonitorEngine> => {
    const detectors = record.config.detectors.map((n) => registry.get(n)).filter((d): d is RegressionDetector => d !== undefined)
    const observer = options.extension?.start(record.name, record.config, detectors)
    if (observer !== undefined) hooks.set(record.name, observer)
    return MonitorEngine.create({ name: record.name, config: record.config, registry, store, sink: options.sink, log: options.log, queueLimit, observer })
  }
  const stopEngine = async (name: string, engine: MonitorEngine): Promise<void> => {
    await engine.close()
    await hooks.get(name)?.close()
    hooks.delete(name)
  }

  for (const file of await readdir(configsDir)) {
    if (!file.endsWith('.json')) continue
    const record = JSON.parse(await readFile(path.join(configsDir, file), 'utf8')) as MonitorRecord
    if (record.kind !== MONITOR_KIND || record.format_version !== MONITOR_FORMAT_VERSION) {
      options.log.warn({ file }, 'skipped a monitor record of an unknown kind or format version')
      continue
    }
    const config = checkMonitorConfig(record.config, registry, `monitor ${record.name}`)
    const checked = { ...record, config }
    records.set(record.name, checked)
    engines.set(record.name, await startEngine(checked))
  }

  const find = (name: string): { record: MonitorRecord; engine: MonitorEngine } => {
    const record = records.get(name)
    const engine = engines.get(name)
    if (record === undefined || engine === undefined) throw new NotFoundError(`monitor '${name}' does not exist`, { field: 'name', value: name })
    return { record, engine }
  }
  const view = (record: MonitorRecord, engine: MonitorEngine): MonitorView => ({
    name: record.name,
    config: record.config,
    created_at: record.created_at,
    updated_at: record.updated_at,
    source: record.source,
    status: engine.status(),
  })

  const monitors: Monitors = {
    registry,
    async put(name, given, source = 'api') {
      assertId('name', name)
      const config = checkMonitorConfig(given, registry)
      const now = new Date().toISOString()
      const previous = records.get(name)
      const record: MonitorRecord = {
        kind: MONITOR_KIND,
        format_version: MONITOR_FORMAT_VERSION,
        name,
        config,
        created_at: previous?.created_at ?? now,
        updated_at: now,
        source,
      }
      await writeFileAtomic(path.join(configsDir, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`)
      records.set(name, record)
      const engine = engines.get(name)
      let state: 'new' | 'kept' | 'reset' = 'new'
      if (engine !== undefined && previous !== undefined && sameShape(previous.config, config)) {
        engine.updateConfig(config)
        hooks.get(name)?.updateConfig(config)
        state = 'kept'
      } else {
        if (engine !== undefined) {
          await stopEngine(name, engine)
          state = 'reset'
        }
        engines.set(name, await startEngine(record))
      }
      return { monitor: view(record, engines.get(name) as MonitorEngine), created: previous === undefined, state }
    },
    get(name) {
      const { record, engine } = find(name)
      return view(record, engine)
    },
    list() {
      return [...records.values()].sort((a, b) => a.name.localeCompare(b.name)).map((r) => view(r, engines.get(r.name) as MonitorEngine))
    },
    async remove(name) {
      const { engine } = find(name)
      await stopEngine(name, engine)
      await options.extension?.removed(name)
      engines.delete(name)
      records.delete(name)
      await rm(path.join(configsDir, `${name}.json`), { force: true })
      await store.drop(name)
    },
    ingest(name, body) {
      const { record, engine } = find(name)
      const batch = parseEventBatch(body, record.config, hooks.get(name)?.prepare)
      if (batch.events.length > engine.capacity) {
        throw new IngestBusyError(
          `monitor '${name}' has ${queueLimit - engine.capacity} events waiting for detection; ${batch.events.length} more would pass the limit of ${queueLimit}: retry shortly`,
          { field: 'body', value: batch.events.length, limit: engine.capacity, retry_after: 1 },
        )
      }
      engine.enqueue(batch.events)
      return { monitor: name, accepted: batch.events.length, rejected: batch.rejected, errors: batch.errors, pending_events: engine.status().pending_events }
    },
    async drain(name) {
      const { engine } = find(name)
      await engine.drain()
      return engine.status()
    },
    async close() {
      for (const [name, engine] of engines) await stopEngine(name, engine)
      await store.close()
    },
  }

  if (options.monitorsFile !== undefined) await loadMonitorsFile(monitors, options.monitorsFile, options.log)
  return monitors
}

/** Settings that change the engine's state (dimensions, depth, detectors, alpha) reset it; the others apply in place. */
function sameShape(a: MonitorConfig, b: MonitorConfig): boolean {
  return (
    JSON.stringify([a.dimensions, a.max_depth, a.detectors, a.alpha, a.timestamp_field, a.status_field, a.latency_field]) ===
    JSON.stringify([b.dimensions, b.max_depth, b.detectors, b.alpha, b.timestamp_field, b.status_field, b.latency_field])
  )
}

/** monitors.json: `{"<name>": <config>, …}`, applied at start (a config that did not change keeps its state). */
async function loadMonitorsFile(monitors: Monitors, file: string, log: EngineLog): Promise<void> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
    throw err
  }
  const parsed = JSON.parse(text) as unknown
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new RangeError(`${file} must hold a JSON object of monitors by name`)
  for (const [name, config] of Object.entries(parsed as Record<string, unknown>)) {
    const existing = monitors.list().find((m) => m.name === name)
    if (existing !== undefined && JSON.stringify(existing.config) === JSON.stringify(checkMonitorConfigQuiet(monitors, config))) continue
    await monitors.put(name, config, 'file')
    log.warn({ monitor: name, file }, 'monitor configured from file')
  }
}

function checkMonitorConfigQuiet(monitors: Monitors, config: unknown): MonitorConfig | null {
  try {
    return checkMonitorConfig(config, monitors.registry)
  } catch {
    return null
  }
}
