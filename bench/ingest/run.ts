/**
 * `npm run bench:ingest [-- --events 300000 --rate 1000 --batch 5000 --concurrency 2 --only usecase,http,probe]`:
 * ingest throughput of a regression monitor (issue target: ≥ 200,000
 * events/s on this 2-core machine with detection lag < 10 s of event time).
 * PX simulator traffic (7 dimensions, default monitor: 4 detectors, depth 4)
 * through (a) the use case alone (monitors.ingest + drain, no HTTP) and (b)
 * the real server over HTTP (JSON array batches), beside the guide's
 * JSON.parse + Map-fold probe on the same events. Prints a Markdown table
 * (docs/benchmarks-ingest.md explains it).
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import { fromBuild, fromSource } from '../../test/crash/server-process.js'
import { describeEnvironment, environment } from '../environment.js'
import { ingestData } from './ingest-data.js'
import { peakRssMb } from './lag-tracker.js'
import { mapFoldProbe } from './map-fold-probe.js'
import { runOverHttp } from './over-http.js'
import { runUseCase } from './use-case.js'

const { values } = parseArgs({
  options: {
    events: { type: 'string' },
    rate: { type: 'string' },
    batch: { type: 'string' },
    concurrency: { type: 'string' },
    only: { type: 'string' },
    build: { type: 'boolean' },
  },
})
const events = Number(values.events ?? 300_000)
const rate = Number(values.rate ?? 1000)
const batchSize = Number(values.batch ?? 5000)
const concurrency = Number(values.concurrency ?? 2)
const only = new Set((values.only ?? 'probe,usecase,http').split(','))

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US')
const load0 = os.loadavg()[0]!
const g0 = performance.now()
const data = ingestData(events, rate, batchSize)
console.log(
  `${fmt(data.events)} PX events (${(data.bytes / data.events).toFixed(0)} bytes each as JSON), ${data.eventMinutes.toFixed(1)} minutes of event time at ${rate} requests/s, ` +
    `${data.batches.length} batches of ${batchSize}; generated in ${((performance.now() - g0) / 1000).toFixed(1)} s`,
)

const rows: string[] = []
let probeRate = Number.NaN
if (only.has('probe')) {
  const probe = mapFoldProbe(data.batches)
  probeRate = probe.events / probe.seconds
  rows.push(`| reference: JSON.parse + Map fold (guide probe, ${fmt(probe.cells)} cells) | ${fmt(probeRate)} | 1.00 | ${fmt(probe.events / probe.cpuSeconds)} | – | – | – |`)
}
const ratio = (r: number): string => (Number.isNaN(probeRate) ? '–' : (r / probeRate).toFixed(2))
if (only.has('usecase')) {
  const u = await runUseCase(data)
  const all = u.events / u.seconds
  const own = u.events / (u.seconds - u.parseSeconds)
  const lag = `${u.lag.maxS.toFixed(1)} / ${u.lag.meanS.toFixed(1)} (${fmt(u.lag.maxPendingEvents)} events)`
  rows.push(`| use case: JSON.parse + monitors.ingest + drain | ${fmt(all)} | ${ratio(all)} | ${fmt(u.events / u.cpuSeconds)} | ${lag} | +${fmt(u.rssGrowthMb)} (process) | ${u.busy} |`)
  rows.push(`| use case without JSON.parse (${u.parseSeconds.toFixed(2)} s of ${u.seconds.toFixed(2)} s) | ${fmt(own)} | ${ratio(own)} | | | | |`)
  console.log(`use case: ${u.incidents} incidents, ${fmt(u.combinations)} combinations`)
}
if (only.has('http')) {
  const h = await runOverHttp(data, concurrency, values.build === true ? fromBuild : fromSource)
  const all = h.events / h.seconds
  const lag = `${h.lag.maxS.toFixed(1)} / ${h.lag.meanS.toFixed(1)} (${fmt(h.lag.maxPendingEvents)} events)`
  rows.push(`| HTTP: POST JSON arrays, ${concurrency} in flight, until processed | ${fmt(all)} | ${ratio(all)} | ${fmt(h.events / h.serverCpuSeconds)} (server) | ${lag} | ${fmt(h.serverPeakRssMb)} (server peak) | ${h.busy} |`)
  rows.push(`| HTTP: accepted (202) only, ${h.acceptSeconds.toFixed(2)} s of ${h.seconds.toFixed(2)} s | ${fmt(h.events / h.acceptSeconds)} | ${ratio(h.events / h.acceptSeconds)} | | | | |`)
}
const load1 = os.loadavg()[0]!
console.log(`
| path | events/s (wall) | × probe | events per CPU-second | lag max / mean, s of event time (max pending) | RSS MB | 429s |
|---|---:|---:|---:|---|---:|---:|
${rows.join('\n')}

Load average ${load0.toFixed(1)} → ${load1.toFixed(1)}; bench process peak RSS ${fmt(await peakRssMb('self'))} MB (holds the batches).
Machine: ${describeEnvironment(environment(undefined))}.`)
