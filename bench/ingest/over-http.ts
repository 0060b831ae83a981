/**
 * Ingest through HTTP: the real server as a child process (its own core),
 * POST /monitors/bench/events with JSON array batches from this process,
 * `concurrency` requests in flight, 429s retried after a short wait. A poller
 * reads GET /monitors/bench every 100 ms for the detection lag. Ends once
 * the monitor has processed every event.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fromSource, startServer, type ServerCommand } from '../../test/crash/server-process.js'
import type { IngestData } from './ingest-data.js'
import { cpuSeconds, LagTracker, peakRssMb, type LagSummary } from './lag-tracker.js'

export interface HttpResult {
  readonly events: number
  /** Wall seconds from the first POST until every event is processed. */
  readonly seconds: number
  /** Wall seconds until the last POST was answered (accepted, not yet processed). */
  readonly acceptSeconds: number
  readonly lag: LagSummary
  readonly busy: number
  readonly serverPeakRssMb: number
  /** CPU seconds the server used from the first POST until drained. */
  readonly serverCpuSeconds: number
}

interface Status {
  readonly processed_events: number
  readonly pending_events: number
  readonly latest_event_at: string | null
}

export async function runOverHttp(data: IngestData, concurrency: number, server: ServerCommand = fromSource): Promise<HttpResult> {
  const storage = await mkdtemp(path.join(tmpdir(), 'vigil-bench-ingest-http-'))
  const child = await startServer({ storage, server, logLevel: 'error' })
  try {
    const url = `${child.baseUrl}/monitors/bench`
    const put = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' })
    if (put.status !== 200) throw new Error(`PUT /monitors/bench answered ${put.status}: ${await put.text()}`)
    const status = async (): Promise<Status> => ((await (await fetch(url)).json()) as { status: Status }).status
    const lag = new LagTracker()
    let sentTime = 0
    let busy = 0
    let done = false
    const poller = (async () => {
      while (!done) {
        await sleep(100)
        const s = await status()
        if (sentTime > 0) lag.sample(sentTime, s.latest_event_at, s.pending_events)
      }
    })()
    let next = 0
    const cpu0 = await cpuSeconds(child.pid)
    const t0 = performance.now()
    const sender = async (): Promise<void> => {
      while (next < data.batches.length) {
        const batch = data.batches[next++]!
        for (;;) {
          const res = await fetch(`${url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: batch.json })
          const text = await res.text()
          if (res.status === 202) break
          if (res.status !== 429) throw new Error(`POST events answered ${res.status}: ${text.slice(0, 300)}`)
          busy++
          await sleep(20)
        }
        if (batch.lastTime > sentTime) sentTime = batch.lastTime
      }
    }
    await Promise.all(Array.from({ length: concurrency }, sender))
    const acceptSeconds = (performance.now() - t0) / 1000
    for (;;) {
      const s = await status()
      if (s.processed_events >= data.events && s.pending_events === 0) break
      await sleep(20)
    }
    const seconds = (performance.now() - t0) / 1000
    const serverCpuSeconds = (await cpuSeconds(child.pid)) - cpu0
    done = true
    await poller
    const serverPeakRssMb = await peakRssMb(child.pid)
    return { events: data.events, seconds, acceptSeconds, lag: lag.summary(), busy, serverPeakRssMb, serverCpuSeconds }
  } finally {
    await child.stop()
    await rm(storage, { recursive: true, force: true })
  }
}
