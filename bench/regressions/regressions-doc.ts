/**
 * docs/benchmarks-regressions.md from a run. The hand-written analysis between
 * the `<!-- findings -->` markers of the existing doc is kept as it is.
 */
import type { BenchShape } from './bench-options.js'
import type { RunScore } from './evaluate-run.js'
import type { RegressionClass } from './match-incidents.js'
import type { ReplayResult } from './replay-traffic.js'
import { classTable, costTable, detailTable, examples003Table, falseDetailTable, falseTable, levelTable, levelTableDrops, targetTable } from './report-regressions.js'
import { keptFindings } from '../kept-findings.js'

export interface DocInput {
  readonly shape: BenchShape
  readonly short: Partial<Record<RegressionClass, number>>
  readonly trafficRpm: [number, number]
  readonly injected: RunScore
  readonly clean: RunScore | undefined
  readonly runs: readonly { name: string; replay: ReplayResult }[]
  readonly slowLineMs: number | null
  readonly machine: string
  readonly load: string
  readonly date: string
}


export function regressionsDoc(d: DocInput): string {
  const s = d.shape
  const events = d.runs.map((r) => `${r.name} ${r.replay.events.toLocaleString('en-US')}`).join(', ')
  const shortNote = Object.keys(d.short).length === 0 ? '' : ` Fewer than ${s.perType} could be placed for: ${Object.entries(d.short).map(([k, v]) => `${k} ${v}`).join(', ')}.`
  return `# Benchmark: regression detection on the PX simulator

\`npm run bench:regressions\` replays simulated PX traffic ([regressions-simulator.md](regressions-simulator.md)) through the regression-monitor use case (\`createMonitors\` + \`createIncidents\` in a temporary directory, no HTTP; a monitor with the default config: 003's seven dimensions, \`max_depth\` 4, α = 1e-5) and scores the incidents against the injected regressions. Two runs: one with 003's four examples and ${s.perType} random regressions of each class (system errors, user errors, latency, traffic drop, traffic spike; combinations of 1–4 dimensions carrying ${d.trafficRpm[0]}–${d.trafficRpm[1]} requests/min, effects drawn from the simulator's ranges), and the same traffic with no regression at all.

\`\`\`bash
npm run bench:regressions                                   # the issue's shape: 7 days at 1800 requests/min (30/s), 20 per class (hours at today's ingest speed)
npm run bench:regressions -- --days ${s.days} --rate ${s.ratePerMinute} --regressions-per-type ${s.perType}    # the run below
npm run bench:regressions -- --quick                        # CI smoke: 1 day at 180 requests/min, 3 per class, ~70 s of CPU (2–4 min wall on a shared machine); prints, does not rewrite this file
\`\`\`

## Scale of this run, and why

**${s.days} simulated day(s) per run at ${s.ratePerMinute} requests/min, ${s.perType} random regressions per class, seed ${s.seed}** (events: ${events}).${shortNote} The issue's shape is a week at the simulator's 30 requests/s (18 million requests per run, 36 million with the clean week); monitor ingest currently processes about 10k events/s of CPU on this machine (see Cost), so that shape takes over an hour of CPU and was not affordable on the shared 2-core machine (this run, at \`nice -n 10\` beside other jobs: ${d.runs.map((r) => `${r.name} ${(r.replay.wallS / 60).toFixed(1)} min wall, ${(r.replay.cpuS / 60).toFixed(1)} min CPU`).join('; ')}). Time to detect is counted in requests of the affected combination, so it does not depend on the service's total rate; what does depend on it is how many combinations carry traffic (more tests, so more chances of a false incident) and how fine the traffic levels can go: false-incident rates at 30/s may be higher than here. Generated ${d.date}; load average ${d.load} on ${d.machine}.

## Targets

${targetTable(d.injected, d.clean, s.days)}

${keptFindings('benchmarks-regressions.md')}

## By class (random regressions)

Time to detect = requests of the affected combination from the injected start to the incident's \`detected_at\` (counted by the bench from the stream; a traffic drop: expected requests missing, \`share × expected traffic × (1 − factor)\`; a spike: requests as they arrived, extra ones included). The bound is the guide's "How many requests physics allows" for each injected effect: Wald SPRT mean sample number (α = 1e-5, β = 0.1) and the exact fixed-size binomial test at 90% power; latency as the share above the monitor's slow line (${d.slowLineMs ?? '–'} ms, learnt from its first 2000 requests) with the combination lognormal around its typical latency (an approximation); traffic as a Poisson SPRT, \`ln(1/α)/KL(m)\` expected requests (drop to zero: 11.5 missing). Localisation compares the incident's dimensions with the injected ones: exact = equal, too broad = a strict subset (an ancestor), too narrow = a strict superset (a descendant). Lag = \`detected_at\` − injected start, event time. "Engine's requests_to_detect" is the incident's own count, from its estimated change point.

${classTable(d.injected.outcomes)}

### By traffic level of the combination (errors, latency, spikes)

${levelTable(d.injected.outcomes)}

### Traffic drops by traffic level

${levelTableDrops(d.injected.outcomes)}

## 003's four examples (in the injected run)

Each should open exactly one incident, of the right type, on exactly its combination.

${examples003Table(d.injected)}

## False incidents

An incident is false when it matches no injected regression: a different type (or a traffic incident in the other direction), dimensions unrelated to the injected ones (siblings included: \`country=CA, operation=edit_pi\` for an injected \`country=CA, pi_type=mc\`), or a window that does not overlap the regression's \`[start, end + 15 min]\`. "Side effect" marks false incidents on leaves an injected regression touched, detected during it or within two hours after its end. The first day (a quarter of shorter runs) is the warm-up: no regression starts in it.

${falseTable(d.injected, d.clean)}

<details><summary>False incidents of the injected run (first 40)</summary>

${falseDetailTable(d.injected.falseIncidents)}

</details>

${d.clean === undefined ? '' : `<details><summary>False incidents of the clean run (first 40)</summary>\n\n${falseDetailTable(d.clean.falseIncidents)}\n\n</details>\n`}
## Cost

Peak RSS is the bench process's resident set (simulator, monitor engine, DuckDB aggregates, incident store), sampled every 250 ms; the clean run follows the injected one in the same process.

${costTable(d.runs)}

## Every injected regression

<details><summary>${d.injected.outcomes.length} regressions</summary>

${detailTable(d.injected.outcomes)}

</details>

## How matching works

A detected incident matches an injected regression when the type matches (a traffic drop: type \`traffic\`, direction \`decrease\`; a spike: \`increase\`), its window \`[started_at, detected_at]\` overlaps \`[start, end + 15 min]\`, and its dimensions are equal to, an ancestor of, or a descendant of the injected ones. Each incident counts once, for the regression it matches best (equal dimensions first, then the nearest start); a regression's detection is its earliest-detected incident, later ones are duplicates; incidents matching nothing are false. The functions are in \`bench/regressions/match-incidents.ts\` and \`score-regressions.ts\`, tested in \`test/bench/regressions-scoring.test.ts\`.
`
}
