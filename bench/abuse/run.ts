/**
 * `npm run bench:abuse [-- --days 1 --rate 12 --per-type 20 --seed 1 | --quick]`:
 * entity (abuse) detection on the PX traffic simulator, driving the monitors
 * use case directly (no HTTP). A simulated day with a million users and
 * 200,000 addresses, 003 §2's attacks with K attacking entities per type and
 * benign heavy users; per attack type the share of attacking entities caught,
 * time to detect in requests by that entity, duplicates, false incidents per
 * simulated day; the entity state held; ingest throughput with the entity
 * detectors on and off over the same traffic. Rewrites
 * docs/benchmarks-abuse.md (not with --quick) and writes the raw scores to
 * bench/results/abuse-<time>.json.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describeEnvironment, environment } from '../environment.js'
import { repoRoot, resultsDir } from '../paths.js'
import { abuseDoc } from './abuse-doc.js'
import { parseAbuseOptions, type AbuseBenchShape } from './abuse-options.js'
import { fullPopulationState } from './full-population-state.js'
import { abuseBenchTraffic } from './plan-abuse-traffic.js'
import { replayAbuse } from './replay-abuse.js'
import { costTable, detectionTable, falseTable, missedTable, sideTable, targetTable } from './report-abuse.js'
import { scoreAbuse } from './score-abuse.js'
import { parseOrExit } from '../cli-options.js'

const shape: AbuseBenchShape = parseOrExit(parseAbuseOptions)

const log = (msg: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`)
const load0 = os.loadavg()[0] as number
const traffic = abuseBenchTraffic(shape)
log(`${traffic.attacks.length} attacks, ${traffic.benign.length} benign heavy users; ${shape.days} day(s) at ${shape.ratePerSecond} requests/s, ${shape.users.toLocaleString('en-US')} users, ${shape.ips.toLocaleString('en-US')} addresses`)
const on = await replayAbuse(traffic, { entityDetectors: true, progress: (done, note) => log(`detectors on ${(done * 100).toFixed(0)}%: ${note}`) })
const off = await replayAbuse(traffic, { entityDetectors: false, progress: (done, note) => log(`detectors off ${(done * 100).toFixed(0)}%: ${note}`) })
log('entity state with the whole population seen once')
const full = fullPopulationState(traffic.config.population, traffic.config.timeline.startMs)
const load1 = os.loadavg()[0] as number
const score = scoreAbuse(traffic, on)
const cost = { on, off, full }

console.log(`\n## Targets\n\n${targetTable(score, cost)}`)
console.log(`\n## Detection by attack type\n\n${detectionTable(score)}`)
console.log(`\n## Attacks missed, late, duplicated or also named by another type\n\n${missedTable(score)}`)
console.log(`\n## False incidents\n\n${falseTable(score)}`)
console.log(`\n## Incidents on an attack's other ids\n\n${sideTable(score, traffic.attacks)}`)
console.log(`\n## Cost\n\n${costTable(cost)}`)

const stamp = new Date().toISOString().replace(/[:.]/g, '-')
await mkdir(resultsDir, { recursive: true })
const rawFile = path.join(resultsDir, `abuse-${stamp}.json`)
const costJson = (r: typeof on): object => ({ events: r.events, ingestCpuS: r.ingestCpuS, wallS: r.wallS, eventsPerCpuS: r.events / r.ingestCpuS, peakRssMb: r.peakRssMb, peakStateBytes: r.peakStateBytes, finalState: r.finalState })
await writeFile(
  rawFile,
  JSON.stringify({ shape, attacks: traffic.attacks, benign: traffic.benign, score, cost: { on: costJson(on), off: costJson(off), fullPopulation: full } }, null, 1),
)
log(`raw scores: ${path.relative(repoRoot, rawFile)}`)

if (shape.writeDoc) {
  const doc = abuseDoc({ shape, traffic, score, cost, machine: describeEnvironment(environment(undefined)), load: `${load0.toFixed(1)} → ${load1.toFixed(1)}`, date: new Date().toISOString().slice(0, 10) })
  const file = path.join(repoRoot, 'docs', 'benchmarks-abuse.md')
  await writeFile(file, doc)
  log(`wrote ${path.relative(repoRoot, file)}`)
}
