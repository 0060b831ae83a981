/**
 * The guide's ingest budget probe ("The ingest budget" in
 * shared/guide/regressions.md): JSON.parse each NDJSON line and fold it into
 * a per-minute, per-combination counter in a Map. Measured in the same run as
 * the ingest paths, so their ratio to it means something on a shared machine.
 */
import type { IngestBatch } from './ingest-data.js'

const DIMENSIONS = ['partner', 'country', 'operation', 'pi_type', 'flight', 'region', 'instance'] as const

export interface ProbeResult {
  readonly events: number
  readonly seconds: number
  readonly cpuSeconds: number
  readonly cells: number
}

export function mapFoldProbe(batches: readonly IngestBatch[]): ProbeResult {
  const cells = new Map<string, number>()
  let events = 0
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  for (const batch of batches) {
    const text = batch.ndjson
    let start = 0
    while (start < text.length) {
      let end = text.indexOf('\n', start)
      if (end < 0) end = text.length
      const line = text.slice(start, end)
      start = end + 1
      if (line === '') continue
      const event = JSON.parse(line) as Record<string, unknown>
      const minute = Math.floor(Date.parse(event['timestamp'] as string) / 60_000)
      let key = String(minute)
      for (const d of DIMENSIONS) key += `\u0001${String(event[d])}`
      cells.set(key, (cells.get(key) ?? 0) + 1)
      events++
    }
  }
  const cpu = process.cpuUsage(cpu0)
  return { events, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, cells: cells.size }
}
