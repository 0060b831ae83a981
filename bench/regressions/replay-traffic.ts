/**
 * Drive the regression-monitor use case directly (createMonitors +
 * createIncidents in a temporary directory, no HTTP) with a PX simulator
 * run, and note what the scoring needs that the incidents do not say: the
 * request times of every injected combination (to count time to detect in
 * requests of the affected combination), wall time and peak RSS.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { createIncidents } from '../../src/incidents/create-incidents.js'
import type { Incident } from '../../src/incidents/incident-schema.js'
import { createMonitors } from '../../src/monitors/monitors.js'
import { STRIDE, toCombination, type PxTraffic } from '../../src/simulator/px/index.js'

/** Events a monitor may hold waiting for detection before the replay waits (keeps memory honest and ingest unthrottled by 429s). */
const MAX_PENDING = 40_000
/** Request times of a combination are noted until this long after its regression ends. */
export const TRACK_AFTER_END_MS = 60 * 60_000

export interface ReplayResult {
  readonly incidents: Incident[]
  /** Per label (same order as traffic.labels): event times (ms) of the combination's requests in [start, end + TRACK_AFTER_END_MS). */
  readonly combinationTimes: Float64Array[]
  readonly events: number
  readonly wallS: number
  readonly cpuS: number
  readonly peakRssMb: number
  /** The monitor's slow-request line, learnt from its first requests (latency bounds use it). */
  readonly latencyP90Ms: number | null
}

interface Tracker {
  readonly label: number
  readonly startMs: number
  readonly untilMs: number
  readonly dims: Int32Array
  readonly values: Int32Array
  times: number[]
}

export interface ReplayOptions {
  readonly monitor: string
  /** Called every ~5% of the run with the share done. */
  readonly progress?: (done: number, note: string) => void
}

const silentLog = { warn: () => undefined, error: (obj: object, msg: string) => console.error(msg, obj) }

/** Replay a simulator run through a fresh monitor with the default config; returns its incidents and the bench's own counts. */
export async function replayTraffic(traffic: PxTraffic, options: ReplayOptions): Promise<ReplayResult> {
  const root = await mkdtemp(path.join(tmpdir(), 'vigil-bench-regressions-'))
  const rssTimer = startRssSampler()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  try {
    const incidents = await createIncidents({ root: path.join(root, 'incidents'), log: silentLog })
    const monitors = await createMonitors({ root: path.join(root, 'monitors'), sink: incidents, log: silentLog })
    await monitors.put(options.monitor, {})
    const trackers = traffic.labels.map((label, i): Tracker => {
      const combo = toCombination(traffic.model, label.dimensions)
      const dims: number[] = []
      const values: number[] = []
      combo.forEach((v, d) => {
        if (v >= 0) {
          dims.push(d)
          values.push(v)
        }
      })
      return { label: i, startMs: Date.parse(label.start), untilMs: Date.parse(label.end) + TRACK_AFTER_END_MS, dims: Int32Array.from(dims), values: Int32Array.from(values), times: [] }
    })
    const encoder = traffic.encoder()
    const totalMs = traffic.config.timeline.endMs - traffic.config.timeline.startMs
    let events = 0
    let nextNote = 0
    let active: Tracker[] = []
    let nextTracker = 0
    for (const batch of traffic.batches({ maxEvents: 4096 })) {
      const last = batch.time[batch.length - 1] ?? 0
      while (nextTracker < trackers.length && (trackers[nextTracker] as Tracker).startMs <= last) active.push(trackers[nextTracker++] as Tracker)
      const first = batch.time[0] ?? 0
      active = active.filter((t) => t.untilMs > first)
      for (const t of active) {
        for (let i = 0; i < batch.length; i++) {
          const time = batch.time[i] as number
          if (time < t.startMs || time >= t.untilMs) continue
          const o = i * STRIDE
          let match = true
          for (let j = 0; j < t.dims.length; j++) {
            if (batch.dims[o + (t.dims[j] as number)] !== t.values[j]) {
              match = false
              break
            }
          }
          if (match) t.times.push(time)
        }
      }
      monitors.ingest(options.monitor, encoder.events(batch))
      events += batch.length
      while (monitors.get(options.monitor).status.pending_events > MAX_PENDING) await sleep(5)
      const done = (last - traffic.config.timeline.startMs) / totalMs
      if (done >= nextNote) {
        const status = monitors.get(options.monitor).status
        options.progress?.(done, `${events.toLocaleString('en-US')} events, ${status.incidents_reported} incidents reported, ${Math.round((performance.now() - t0) / 1000)} s`)
        nextNote += 0.05
      }
    }
    const status = await monitors.drain(options.monitor)
    const wallS = (performance.now() - t0) / 1000
    const used = process.cpuUsage(cpu0)
    const list: Incident[] = []
    let cursor: string | undefined
    do {
      const page = incidents.list({ monitor: options.monitor, limit: 500, ...(cursor === undefined ? {} : { cursor }) })
      list.push(...page.incidents)
      cursor = page.next_cursor ?? undefined
    } while (cursor !== undefined)
    await monitors.close()
    await incidents.close()
    return {
      incidents: list,
      combinationTimes: trackers.map((t) => Float64Array.from(t.times)),
      events,
      wallS,
      cpuS: (used.user + used.system) / 1e6,
      peakRssMb: rssTimer.stop(),
      latencyP90Ms: status.latency_p90_ms,
    }
  } finally {
    rssTimer.stop()
    await rm(root, { recursive: true, force: true })
  }
}

/** Peak resident set size (MB) over the sampler's life, sampled every 250 ms. */
function startRssSampler(): { stop(): number } {
  let peak = process.memoryUsage.rss()
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 250)
  timer.unref()
  return {
    stop() {
      clearInterval(timer)
      peak = Math.max(peak, process.memoryUsage.rss())
      return peak / 2 ** 20
    },
  }
}
