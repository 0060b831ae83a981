/** The serving benchmark's report: verdict against issue 6's targets, console table, Markdown page. */
import type { Environment } from '../environment.js'
import { describeEnvironment } from '../environment.js'
import { formatCount } from '../format.js'
import { renderMarkdownTable } from '../markdown-table.js'
import type { Column } from '../report-rows.js'
import { renderTextTable } from '../text-table.js'
import type { LoadResult, LoadTool } from './load-result.js'
import type { TrainingRun } from './training-driver.js'

/** Seconds of untimed load before the idle phase. */
export const WARMUP_S = 5

/** Issue 6: p99 while training at most twice the idle p99 and under 25 ms, no errors. */
export const TARGETS = { p99Ratio: 2, p99Ms: 25, rateHeld: 0.99, coverage: 0.99 } as const

export interface PhaseTraining {
  readonly tool: LoadTool
  /** Trainings running at some point of the window. */
  readonly overlapping: number
  /** Share of the window during which a training was running. */
  readonly coverage: number
}

export interface ToolVerdict {
  readonly tool: LoadTool
  readonly primary: boolean
  readonly idleP99: number
  readonly trainP99: number
  readonly ratio: number
  readonly checks: readonly { readonly name: string; readonly pass: boolean; readonly detail: string }[]
  readonly pass: boolean
}

export interface ServeReport {
  readonly generatedAt: string
  /** Run with the protocol's parameters (only then is docs/benchmarks-serve.md rewritten). */
  readonly complete: boolean
  readonly environment: Environment
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] }
  readonly server: string
  readonly options: {
    readonly rate: number
    readonly durationS: number
    readonly connections: number
    readonly trainRows: number
    readonly trainCols: number
    readonly tools: readonly LoadTool[]
  }
  readonly predict: { readonly algorithm: string; readonly rows: number; readonly cols: number; readonly body: string }
  readonly trainingAlgorithm: string
  readonly trainingMode: 'jobs' | 'synchronous'
  readonly idle: readonly LoadResult[]
  readonly training: readonly LoadResult[]
  readonly trainingWindows: readonly PhaseTraining[]
  readonly trainingRuns: readonly TrainingRun[]
  readonly verdicts: readonly ToolVerdict[]
  readonly wallMs: number
}

export function judge(idle: LoadResult, training: LoadResult, window: PhaseTraining, primary: boolean): ToolVerdict {
  const ratio = training.p99 / idle.p99
  const bad = (r: LoadResult): number => r.errors + r.timeouts + r.non2xx
  const checks = [
    { name: `p99 while training <= ${TARGETS.p99Ratio}x idle p99`, pass: ratio <= TARGETS.p99Ratio, detail: `${ms(training.p99)} vs ${ms(idle.p99)} idle: ${ratio.toFixed(2)}x` },
    { name: `p99 while training < ${TARGETS.p99Ms} ms`, pass: training.p99 < TARGETS.p99Ms, detail: ms(training.p99) },
    { name: 'no errors, timeouts or non-2xx', pass: bad(idle) === 0 && bad(training) === 0, detail: `idle ${bad(idle)}, training ${bad(training)}` },
    {
      name: `the rate held (>= ${TARGETS.rateHeld * 100}% of the scheduled requests sent)`,
      pass: idle.sent >= TARGETS.rateHeld * idle.scheduled && training.sent >= TARGETS.rateHeld * training.scheduled,
      detail: `idle ${formatCount(idle.sent)}/${formatCount(idle.scheduled)}, training ${formatCount(training.sent)}/${formatCount(training.scheduled)}`,
    },
    {
      name: `training ran through the whole window (>= ${TARGETS.coverage * 100}%)`,
      pass: window.coverage >= TARGETS.coverage,
      detail: `${(window.coverage * 100).toFixed(1)}% of the window, ${window.overlapping} training(s)`,
    },
  ]
  return { tool: idle.tool, primary, idleP99: idle.p99, trainP99: training.p99, ratio, checks, pass: checks.every((c) => c.pass) }
}

const ms = (v: number): string => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms` : 'n/a')
const cell = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1))

const col = (label: string, align: Column['align'] = 'right'): Column => ({ group: '', label, align })
const COLUMNS: Column[] = [
  col('phase', 'left'),
  col('load', 'left'),
  col('scheduled'),
  col('sent'),
  col('2xx'),
  col('non-2xx'),
  col('errors'),
  col('timeouts'),
  col('p50 ms'),
  col('p99 ms'),
  col('max ms'),
  col('send lag p99 ms'),
]

function rows(report: ServeReport): string[][] {
  const line = (phase: string, r: LoadResult): string[] => [
    phase,
    r.tool === 'paced' ? 'paced (open loop)' : `autocannon (${report.options.connections} conn.)`,
    formatCount(r.scheduled),
    formatCount(r.sent),
    formatCount(r.answered - r.non2xx),
    formatCount(r.non2xx),
    formatCount(r.errors),
    formatCount(r.timeouts),
    cell(r.p50),
    cell(r.p99),
    cell(r.max),
    cell(r.sendLagP99),
  ]
  return [...report.idle.map((r) => line('idle', r)), ...report.training.map((r) => line('training', r))]
}

/** Most of a millisecond late is the timer; more means the generator was short of CPU and its latencies include its own delay. */
const LAG_WARNING_MS = 5

function verdictLines(report: ServeReport): string[] {
  const late = [...report.idle, ...report.training].filter((r) => (r.sendLagP99 ?? 0) > LAG_WARNING_MS)
  const warning =
    late.length === 0
      ? []
      : [`warning: the open-loop generator sent late (send lag p99 up to ${Math.max(...late.map((r) => r.sendLagP99 ?? 0)).toFixed(1)} ms): the machine was short of CPU, latencies include the generator's own delay`]
  return [
    ...warning,
    ...report.verdicts.flatMap((v) => [
    `${v.primary ? '' : '(informational) '}${v.tool}: ${v.pass ? 'PASS' : 'FAIL'}`,
      ...v.checks.map((c) => `  ${c.pass ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
    ]),
  ]
}

function trainingLines(report: ServeReport): string[] {
  const done = report.trainingRuns.filter((r) => r.status === 'succeeded').length
  const failed = report.trainingRuns.filter((r) => r.status === 'failed')
  return [
    `${report.trainingAlgorithm} on ${formatCount(report.options.trainRows)} rows x ${report.options.trainCols} columns, ` +
      `${report.trainingMode === 'jobs' ? 'as jobs (POST /train?wait=false, two kept submitted)' : 'as synchronous POST /train, one after another (no jobs API)'}; ` +
      `${report.trainingRuns.length} submitted, ${done} succeeded, ${failed.length} failed` +
      (failed.length === 0 ? '' : ` (${[...new Set(failed.map((r) => r.error ?? '?'))].join('; ')})`),
    ...report.trainingWindows.map((w) => `  during the ${w.tool} window: ${w.overlapping} training(s) ran, covering ${(w.coverage * 100).toFixed(1)}% of it`),
  ]
}

const loads = (l: readonly number[]): string => l.map((v) => v.toFixed(2)).join(' / ')

export function renderConsole(report: ServeReport): string {
  return [
    '',
    renderTextTable(COLUMNS, rows(report)),
    '',
    ...trainingLines(report),
    '',
    ...verdictLines(report),
    '',
    `${describeEnvironment(report.environment)}; load average (1/5/15 min) ${loads(report.loadAverage.start)} at start, ${loads(report.loadAverage.end)} at end; server: ${report.server}`,
  ].join('\n')
}

export function renderMarkdown(report: ServeReport): string {
  const o = report.options
  const primary = report.verdicts.find((v) => v.primary)
  return `# Benchmarks: serving while training

<!-- Generated by \`npm run bench:serve\` (bench/serve/run.ts) on ${report.generatedAt}. Do not edit by hand: rerun the bench. -->

${report.complete ? '' : `> **Trial run** (${o.durationS} s per phase, ${formatCount(o.trainRows)} training rows${o.tools.includes('paced') ? '' : ', autocannon only'}): not the protocol's parameters. \`npm run bench:serve\` measures the reference numbers and rewrites this page.\n\n`}Issue 6 asks that training never slows serving. This page measures it: single-row \`POST /predict\` latency at a fixed ${o.rate} requests/s for ${o.durationS} s, first with the server idle, then while ${report.trainingAlgorithm} trains on ${formatCount(o.trainRows)} rows x ${o.trainCols} columns without pause. Targets: **p99 while training at most ${TARGETS.p99Ratio}x the idle p99 and under ${TARGETS.p99Ms} ms, with no errors**.

## Verdict

**${primary === undefined ? 'n/a' : primary.pass ? 'PASS' : 'FAIL'}** (judged on the open-loop load; autocannon's numbers are informational, see the protocol).

\`\`\`
${verdictLines(report).join('\n')}
\`\`\`

## Results

${renderMarkdownTable(COLUMNS, rows(report))}

Latencies in milliseconds, from when a request was due (open loop) or sent (autocannon) to the end of its answer. "send lag" is how late the open-loop generator itself sent (its own share of every latency).

Training during the measurement:

\`\`\`
${trainingLines(report).join('\n')}
\`\`\`

## Protocol

- **Server**: \`${report.server}\`, a child process of the bench with a fresh temporary \`MODEL_STORAGE_PATH\`, \`LOG_LEVEL=warn\`, everything else default (set \`TRAIN_CONCURRENCY\` etc. in the environment to change it).
- **Model scored**: ${report.predict.algorithm} trained on a synthetic ${formatCount(report.predict.rows)} x ${report.predict.cols} CSV; each request is \`POST /predict\` with the body \`${report.predict.body}\` (explanations on, the default).
- **Load**: ${o.rate} requests/s for ${o.durationS} s per phase and per load generator, after ${WARMUP_S} s of untimed warm-up at the same rate.
  - *Open loop* (\`bench/serve/paced-load.ts\`, the verdict): request *i* is due at start + *i*/${o.rate} s and is sent then, answered or not; latency counts from when it was due, so a stall is charged to every request it delayed. Keep-alive connections are opened as needed.
  - *autocannon* (\`overallRate: ${o.rate}\`, ${o.connections} connections, informational): autocannon limits the rate per connection and per one-second tick, so every connection sends its share of a second back to back when the tick starts and then waits. The load arrives in bursts at the start of each second, and latencies include queueing behind the burst: its p99 is high even on an idle server. Its coordinated-omission correction (which assumes a 1 ms interval at any rate) is turned off; percentiles come from its raw response times.
- **Training phase**: ${report.trainingAlgorithm} (${formatCount(o.trainRows)} rows x ${o.trainCols} columns plus a 0/1 label, \`label_column\`) is started first; the load starts 1 s after a training is running. With the jobs API two jobs are kept submitted so the next starts as the last ends; without it, one synchronous \`POST /train\` follows another. The bench records every training's running interval and reports the share of each load window covered by training.
- **Checks**: p99 ratio and bound as above; errors + timeouts + non-2xx = 0 in both phases; at least ${TARGETS.rateHeld * 100}% of the scheduled requests sent (otherwise the generator, not the server, was the bottleneck); training covered at least ${TARGETS.coverage * 100}% of the window.
- The load generator, the server and the training share the machine's cores.

## Machine and versions

${describeEnvironment(report.environment)}. Load average (1/5/15 min): ${loads(report.loadAverage.start)} at the start, ${loads(report.loadAverage.end)} at the end. The run took ${(report.wallMs / 1000).toFixed(0)} s.

## How to reproduce

\`\`\`sh
npm run build && npm run bench:serve   # uses dist/ when it is newer than src/, else node --import tsx src/server.ts; rewrites this file
npm run bench:serve -- --duration 10   # a trial run: prints, saves bench/results/serve-*.json, leaves this file alone
npm run bench:serve -- --help
\`\`\`

Raw numbers: \`bench/results/serve-latest.json\` (git-ignored).
`
}

