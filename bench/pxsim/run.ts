/**
 * `npm run bench:pxsim [-- --days 1 --rate 30]`: how fast the PX traffic
 * simulator generates a simulated day (003's four examples and 20 random
 * regressions), as columnar batches, NDJSON bytes and event objects. Wall
 * and CPU time, with the machine's load average beside them (a shared
 * machine's numbers move with it). Rewrites docs/benchmarks-pxsim.md.
 */
import { writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createPxTraffic, type PxTraffic } from '../../src/simulator/px/index.js'
import { describeEnvironment, environment } from '../environment.js'
import { repoRoot } from '../paths.js'

interface Row {
  readonly form: string
  readonly events: number
  readonly bytes: number
  readonly wallS: number
  readonly cpuS: number
}

function measure(form: string, traffic: PxTraffic, consume: (t: PxTraffic) => { events: number; bytes: number }): Row {
  const cpu = process.cpuUsage()
  const t0 = performance.now()
  const { events, bytes } = consume(traffic)
  const wallS = (performance.now() - t0) / 1000
  const used = process.cpuUsage(cpu)
  return { form, events, bytes, wallS, cpuS: (used.user + used.system) / 1e6 }
}

const { values } = parseArgs({ options: { days: { type: 'string' }, rate: { type: 'string' } } })
const days = Number(values.days ?? 1)
const rate = Number(values.rate ?? 30)
const setup0 = performance.now()
const traffic = createPxTraffic({ duration_minutes: days * 1440, rate_per_second: rate, presets: ['003'], random: { count: 20 } })
const setupMs = performance.now() - setup0
const load0 = os.loadavg()[0]!
const rows = [
  measure('columnar batches (`traffic.batches()`)', traffic, (t) => {
    let events = 0
    for (const b of t.batches()) events += b.length
    return { events, bytes: 0 }
  }),
  measure('NDJSON Buffers (`traffic.ndjson()`)', traffic, (t) => {
    let events = 0
    let bytes = 0
    const e = t.encoder()
    for (const b of t.batches()) {
      events += b.length
      bytes += e.ndjson(b).length
    }
    return { events, bytes }
  }),
  measure('event objects (`traffic.events()`)', traffic, (t) => {
    let events = 0
    for (const list of t.events()) events += list.length
    return { events, bytes: 0 }
  }),
]
const load1 = os.loadavg()[0]!
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US')
const table = [
  '| form | events | wall s | events/s (wall) | CPU s | events/s (CPU) | NDJSON MB/s (wall) |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.form} | ${fmt(r.events)} | ${r.wallS.toFixed(2)} | ${fmt(r.events / r.wallS)} | ${r.cpuS.toFixed(2)} | ${fmt(r.events / r.cpuS)} | ${r.bytes > 0 ? (r.bytes / 1e6 / r.wallS).toFixed(1) : '–'} |`),
].join('\n')
const summary = `${days} simulated day(s) at ${rate} requests/s, ${traffic.labels.length} regressions (setup ${setupMs.toFixed(0)} ms); load average ${load0.toFixed(1)} → ${load1.toFixed(1)} on ${os.cpus().length} logical CPUs`
console.log(`${summary}\n\n${table}`)
const doc = `# Benchmark: PX traffic simulator

\`npm run bench:pxsim\` generates ${days} simulated day(s) of PX traffic at ${rate} requests/s (003's four examples and 20 random regressions) and measures each output form. See [regressions-simulator.md](regressions-simulator.md).

${summary}.

${table}

Machine: ${describeEnvironment(environment(undefined))}.

The CPU column is the fairer figure on a shared machine (the wall column counts the time other processes held the cores). The target is at least 1,000,000 events/s for the columnar form, so a simulated week at 30 requests/s (18 million requests) is generated in well under a minute of CPU; NDJSON and objects cost the text and the allocations on top.
`
await writeFile(path.join(repoRoot, 'docs', 'benchmarks-pxsim.md'), doc)
