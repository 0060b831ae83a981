/**
 * Drive the monitors use case directly (createIncidents + createAbuseDetection
 * + createMonitors in a temporary directory, no HTTP) with a PX simulator run,
 * the entity detectors on or off, and note what scoring needs that the
 * incidents do not say: the request times of every attacking entity, the
 * user ids and addresses attacks used besides their keyed entity, the CPU
 * time spent in ingest and detection, and the entity state held.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { AbuseStatus } from '../../src/abuse/abuse-engine.js'
import { createAbuseDetection } from '../../src/abuse/create-abuse-detection.js'
import { createIncidents } from '../../src/incidents/create-incidents.js'
import type { Incident } from '../../src/incidents/incident-schema.js'
import { DEFAULT_DETECTORS } from '../../src/monitors/monitor-config.js'
import { createMonitors } from '../../src/monitors/monitors.js'
import type { PxEvent, PxTraffic } from '../../src/simulator/px/index.js'

/** The pseudonym key of every bench run (fixed, so the bench can name entities by pseudonym without asking the service). */
export const BENCH_KEY = 'bench-abuse-key-0123456789abcdef-0123'
export const ENTITY_DETECTORS: readonly string[] = ['card_testing', 'ddos', 'fuzzing']
/** An attacking entity's requests are noted until this long after its attack ends (a late detection still counts them). */
export const TRACK_AFTER_END_MS = 60 * 60_000
/** Events handed to the monitor at once; detection is drained after each slice so its CPU is counted with ingest. */
const SLICE = 20_000

export interface AbuseReplay {
  readonly entityDetectors: boolean
  readonly incidents: Incident[]
  /** Per attack (same order as traffic.attacks): event times (ms) of every request naming its entity in [start, end + TRACK_AFTER_END_MS). */
  readonly entityTimes: Float64Array[]
  /** Raw user ids and addresses seen on attack requests (proxies, throwaway accounts), with the attack that used them. */
  readonly sideEntities: Map<string, string>
  readonly events: number
  /** CPU seconds (all threads) inside ingest and drain. */
  readonly ingestCpuS: number
  readonly wallS: number
  /** The engine's entity state at the end of the run, and the most it held at a slice boundary. */
  readonly finalState: AbuseStatus | undefined
  readonly peakStateBytes: number
  readonly peakRssMb: number
  /** Pseudonym of a raw value under BENCH_KEY. */
  readonly pseudonyms: Map<string, string>
}

interface Tracker {
  readonly attack: number
  readonly field: keyof PxEvent
  readonly value: string
  readonly startMs: number
  readonly untilMs: number
  readonly times: number[]
}

const quiet = { warn: () => undefined, error: (obj: object, msg: string) => console.error(msg, obj) }

export interface ReplayAbuseOptions {
  readonly entityDetectors: boolean
  readonly progress?: (done: number, note: string) => void
}

/** Replay a simulator run through a fresh monitor with the default config (entity detectors on) or the four regression detectors only (off). */
export async function replayAbuse(traffic: PxTraffic, options: ReplayAbuseOptions): Promise<AbuseReplay> {
  const root = await mkdtemp(path.join(tmpdir(), 'vigil-bench-abuse-'))
  const monitor = 'px'
  let peakRss = process.memoryUsage.rss()
  const t0 = performance.now()
  try {
    const incidents = await createIncidents({ root: path.join(root, 'incidents'), log: quiet })
    const abuse = await createAbuseDetection({ storageRoot: root, pseudonymKey: BENCH_KEY, incidents, log: quiet, sweepEvery: null })
    const monitors = await createMonitors({ root: path.join(root, 'monitors'), sink: incidents, log: quiet, extension: abuse.extension })
    const detectors = options.entityDetectors ? [...DEFAULT_DETECTORS] : DEFAULT_DETECTORS.filter((d) => !ENTITY_DETECTORS.includes(d))
    await monitors.put(monitor, { detectors })
    const trackers = traffic.attacks.map(
      (a, i): Tracker => ({ attack: i, field: a.entity_field, value: a.entity_value, startMs: Date.parse(a.start), untilMs: Date.parse(a.end) + TRACK_AFTER_END_MS, times: [] }),
    )
    const sideEntities = new Map<string, string>()
    const encoder = traffic.encoder()
    const totalMs = traffic.config.timeline.endMs - traffic.config.timeline.startMs
    let active: Tracker[] = []
    let nextTracker = 0
    let events = 0
    let cpuUs = 0
    let peakStateBytes = 0
    let nextNote = 0
    let pending: PxEvent[] = []
    const push = async (): Promise<void> => {
      const c0 = process.cpuUsage()
      monitors.ingest(monitor, pending)
      await monitors.drain(monitor)
      const used = process.cpuUsage(c0)
      cpuUs += used.user + used.system
      events += pending.length
      pending = []
      peakStateBytes = Math.max(peakStateBytes, abuse.status(monitor)?.bytes ?? 0)
      peakRss = Math.max(peakRss, process.memoryUsage.rss())
    }
    for (const batch of traffic.batches({ maxEvents: 4096 })) {
      const list = encoder.events(batch)
      const first = batch.time[0] ?? 0
      const last = batch.time[batch.length - 1] ?? 0
      while (nextTracker < trackers.length && (trackers[nextTracker] as Tracker).startMs <= last) active.push(trackers[nextTracker++] as Tracker)
      active = active.filter((t) => t.untilMs > first)
      for (let i = 0; i < list.length; i++) {
        const e = list[i] as PxEvent
        const attack = batch.attack[i] as number
        if (attack >= 0) {
          const id = traffic.attacks[attack]?.id ?? String(attack)
          if (e.user_id !== undefined) sideEntities.set(e.user_id, id)
          if (e.ip !== undefined) sideEntities.set(e.ip, id)
        }
        if (active.length === 0) continue
        const time = Date.parse(e.timestamp)
        for (const t of active) if (time >= t.startMs && time < t.untilMs && e[t.field] === t.value) t.times.push(time)
      }
      for (const e of list) pending.push(e)
      if (pending.length >= SLICE) await push()
      const done = (last - traffic.config.timeline.startMs) / totalMs
      if (done >= nextNote) {
        const status = monitors.get(monitor).status
        options.progress?.(done, `${events.toLocaleString('en-US')} events, ${status.incidents_reported} incidents reported, ${Math.round((performance.now() - t0) / 1000)} s`)
        nextNote += 0.1
      }
    }
    if (pending.length > 0) await push()
    const finalState = abuse.status(monitor)
    const list: Incident[] = []
    let cursor: string | undefined
    do {
      const page = incidents.list({ monitor, limit: 500, ...(cursor === undefined ? {} : { cursor }) })
      list.push(...page.incidents)
      cursor = page.next_cursor ?? undefined
    } while (cursor !== undefined)
    const pseudonyms = new Map<string, string>()
    for (const a of traffic.attacks) pseudonyms.set(a.entity_value, abuse.lookup(a.entity_value))
    for (const b of traffic.benign) pseudonyms.set(b.entity_value, abuse.lookup(b.entity_value))
    for (const raw of sideEntities.keys()) pseudonyms.set(raw, abuse.lookup(raw))
    await monitors.close()
    await abuse.close()
    await incidents.close()
    return {
      entityDetectors: options.entityDetectors,
      incidents: list,
      entityTimes: trackers.map((t) => Float64Array.from(t.times)),
      sideEntities,
      events,
      ingestCpuS: cpuUs / 1e6,
      wallS: (performance.now() - t0) / 1000,
      finalState,
      peakStateBytes,
      peakRssMb: peakRss / 2 ** 20,
      pseudonyms,
    }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}
