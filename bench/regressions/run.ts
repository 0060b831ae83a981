/**
 * `npm run bench:regressions [-- --days 7 --rate 1800 --regressions-per-type 20 | --quick]`:
 * regression detection on the PX traffic simulator, driving the monitors use
 * case directly (createMonitors + createIncidents in a temporary directory,
 * no HTTP). A run with 003's four examples and K random regressions per class,
 * and the same traffic without any; time to detect in requests of the affected
 * combination against the sequential-test bound, share detected,
 * localisation, false incidents per simulated day, lag, peak RSS.
 * Rewrites docs/benchmarks-regressions.md (not with --quick) and writes the
 * raw scores to bench/results/regressions-<time>.json.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createPxTraffic, type PxTraffic } from '../../src/simulator/px/index.js'
import { describeEnvironment, environment } from '../environment.js'
import { repoRoot, resultsDir } from '../paths.js'
import { parseBenchOptions, type BenchShape } from './bench-options.js'
import { evaluateRun, type RunScore } from './evaluate-run.js'
import { cleanTraffic, injectedTraffic, trafficRange } from './plan-traffic.js'
import { regressionsDoc } from './regressions-doc.js'
import { classTable, costTable, detailTable, examples003Table, falseDetailTable, falseTable, targetTable } from './report-regressions.js'
import { replayTraffic, type ReplayResult } from './replay-traffic.js'
import { parseOrExit } from '../cli-options.js'

const shape: BenchShape = parseOrExit(parseBenchOptions)

const log = (msg: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`)
const load0 = os.loadavg()[0] as number

async function replay(name: string, traffic: PxTraffic): Promise<ReplayResult> {
  log(`${name}: ${traffic.labels.length} regressions, ${+(traffic.config.duration_minutes / 1440).toFixed(2)} day(s) at ${+(traffic.config.rate_per_second * 60).toFixed(1)} requests/min`)
  return replayTraffic(traffic, { monitor: name, progress: (done, note) => log(`${name} ${(done * 100).toFixed(0)}%: ${note}`) })
}

const plan = shape.config === undefined ? injectedTraffic(shape) : { traffic: createPxTraffic(JSON.parse(await readFile(shape.config, 'utf8')) as unknown), short: {} }
if (Object.keys(plan.short).length > 0) log(`fewer regressions placed than asked (no room in the run): ${JSON.stringify(plan.short)}`)
const injectedReplay = await replay('injected', plan.traffic)
const injected = evaluateRun(plan.traffic, injectedReplay)
let clean: RunScore | undefined
let cleanReplay: ReplayResult | undefined
if (shape.clean) {
  const traffic = cleanTraffic(shape)
  cleanReplay = await replay('clean', traffic)
  clean = { ...evaluateRun(traffic, cleanReplay), firstRegressionMs: injected.firstRegressionMs }
}
const load1 = os.loadavg()[0] as number

const runs = [{ name: 'injected', replay: injectedReplay }, ...(cleanReplay === undefined ? [] : [{ name: 'clean', replay: cleanReplay }])]
console.log(`\n## Targets\n\n${targetTable(injected, clean, +(plan.traffic.config.duration_minutes / 1440).toFixed(2))}`)
console.log(`\n## By class (random regressions)\n\n${classTable(injected.outcomes)}`)
console.log(`\n## 003's four examples\n\n${examples003Table(injected)}`)
console.log(`\n## False incidents\n\n${falseTable(injected, clean)}`)
console.log(`\n## Cost\n\n${costTable(runs)}`)
if (shape.config !== undefined) {
  console.log(`\n## Every regression\n\n${detailTable(injected.outcomes)}`)
  console.log(`\n## False incidents\n\n${falseDetailTable(injected.falseIncidents, 200)}`)
}

const stamp = new Date().toISOString().replace(/[:.]/g, '-')
await mkdir(resultsDir, { recursive: true })
const rawFile = path.join(resultsDir, `regressions-${stamp}.json`)
await writeFile(rawFile, JSON.stringify({ shape, short: plan.short, labels: plan.traffic.labels, injected, clean, cost: runs.map((r) => ({ name: r.name, events: r.replay.events, wallS: r.replay.wallS, cpuS: r.replay.cpuS, peakRssMb: r.replay.peakRssMb, latencyP90Ms: r.replay.latencyP90Ms })) }, null, 1))
log(`raw scores: ${path.relative(repoRoot, rawFile)}`)

if (shape.writeDoc) {
  const doc = regressionsDoc({
    shape,
    short: plan.short,
    trafficRpm: trafficRange(shape.ratePerMinute),
    injected,
    clean,
    runs,
    slowLineMs: injectedReplay.latencyP90Ms,
    machine: describeEnvironment(environment(undefined)),
    load: `${load0.toFixed(1)} → ${load1.toFixed(1)}`,
    date: new Date().toISOString().slice(0, 10),
  })
  await writeFile(path.join(repoRoot, 'docs', 'benchmarks-regressions.md'), doc)
  log('wrote docs/benchmarks-regressions.md')
}
