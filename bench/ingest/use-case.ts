/**
 * The ingest use case without HTTP: `monitors.ingest` of parsed batches and
 * `drain`, in this process, yielding to the event loop between batches as a
 * server does between requests. JSON.parse of each batch is timed apart, so
 * the use case's own rate excludes it.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setImmediate as yieldTurn, setTimeout as sleep } from 'node:timers/promises'
import { createMonitors, IngestBusyError } from '../../src/monitors/monitors.js'
import type { IncidentSink } from '../../src/monitors/incident-sink.js'
import type { IngestData } from './ingest-data.js'
import { LagTracker, type LagSummary } from './lag-tracker.js'

export interface UseCaseResult {
  readonly events: number
  /** Wall seconds from the first ingest until drained. */
  readonly seconds: number
  /** Of which JSON.parse of the batches. */
  readonly parseSeconds: number
  /** CPU seconds of this process over the same span (JSON.parse included; DuckDB's thread too). */
  readonly cpuSeconds: number
  readonly lag: LagSummary
  readonly busy: number
  readonly incidents: number
  readonly combinations: number
  readonly rssGrowthMb: number
}

export async function runUseCase(data: IngestData, config: Record<string, unknown> = {}): Promise<UseCaseResult> {
  const root = await mkdtemp(path.join(tmpdir(), 'vigil-bench-ingest-'))
  let incidents = 0
  const sink: IncidentSink = {
    report: async () => {
      incidents++
    },
    observe: () => undefined,
  }
  const quiet = { warn: () => undefined, error: (obj: object, msg: string) => console.error(msg, obj) }
  const monitors = await createMonitors({ root, sink, log: quiet })
  try {
    await monitors.put('bench', config)
    const lag = new LagTracker()
    const rss0 = process.memoryUsage().rss
    let peakRss = rss0
    let parseMs = 0
    let busy = 0
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    for (const batch of data.batches) {
      const p0 = performance.now()
      const body = JSON.parse(batch.json) as unknown
      parseMs += performance.now() - p0
      for (;;) {
        try {
          monitors.ingest('bench', body)
          break
        } catch (err) {
          if (!(err instanceof IngestBusyError)) throw err
          busy++
          await sleep(5)
        }
      }
      const status = monitors.get('bench').status
      lag.sample(batch.lastTime, status.latest_event_at, status.pending_events)
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
      await yieldTurn()
    }
    const status = await monitors.drain('bench')
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
    return {
      events: data.events,
      seconds,
      parseSeconds: parseMs / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      lag: lag.summary(),
      busy,
      incidents,
      combinations: status.combinations,
      rssGrowthMb: (peakRss - rss0) / 2 ** 20,
    }
  } finally {
    await monitors.close()
    await rm(root, { recursive: true, force: true })
  }
}
