/**
 * `npm run bench:large`: training on 1,000,000 rows x 20 columns (synthetic,
 * seeded). isolation_forest, logistic_regression, random_forest and
 * gradient_boosting (whichever are registered) each fit once on all rows in a
 * child process of their own: training time and peak RSS. local_outlier_factor
 * and one_class_svm run too, to show their `max_samples` cap keeps training
 * bounded. `--sklearn` adds scikit-learn where a million rows is practical.
 * Rewrites docs/benchmarks-large.md after a complete run.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { registry } from '../src/detectors/registry.js'
import { LARGE_DATASET } from './datasets.js'
import { environment } from './environment.js'
import { largeBenchmarksMarkdown } from './large-doc.js'
import { LARGE_CAPPED, LARGE_SKLEARN, LARGE_TRAINED } from './large-plan.js'
import { type LargeReport, type LargeResult, LARGE_COLUMNS, largeResult, largeRow } from './large-report.js'
import { LARGE_USAGE, parseLargeOptions, type LargeOptions } from './options.js'
import { largeBenchmarksDoc, repoRoot, resultsDir } from './paths.js'
import { prepareWhole } from './prepare-data.js'
import { createProgress, formatDuration, withPrefix } from './progress.js'
import { BATCH_ROWS, WARMUP_ROUNDS, WARMUP_SEED } from './protocol.js'
import { saveRawResults } from './results-json.js'
import { runSide, type Side } from './side-process.js'
import { probeSklearn } from './sklearn.js'
import { syntheticData } from './synthetic.js'
import { renderTextTable } from './text-table.js'
import { usageFailure } from './usage.js'
import type { WorkerArgs } from './worker-args.js'
import { withWorkDir } from './work-dir.js'

async function main(): Promise<number> {
  let parsed: LargeOptions | undefined
  try {
    parsed = parseLargeOptions(process.argv.slice(2))
  } catch (e) {
    return usageFailure(e, LARGE_USAGE)
  }
  if (parsed === undefined) {
    console.log(LARGE_USAGE)
    return 0
  }
  const opts = parsed
  const started = performance.now()
  const progress = createProgress(started)
  const plan = [...LARGE_TRAINED.map((id) => ({ id, purpose: 'train' as const })), ...LARGE_CAPPED.map((id) => ({ id, purpose: 'cap' as const }))]
  const asked = plan.filter((p) => opts.only === undefined || opts.only.includes(p.id))
  for (const p of asked) if (!registry.has(p.id)) console.log(`bench:large: skipping ${p.id}: not registered in this build of Vigil (registry.has('${p.id}') is false)`)
  // the report lists every algorithm of the plan this build does not register, asked for or not
  const skipped = plan.filter((p) => !registry.has(p.id)).map((p) => p.id)
  const runnable = asked.filter((p) => registry.has(p.id))
  if (runnable.length === 0) {
    console.log('bench:large: nothing to run: none of the asked-for algorithms is registered')
    return 0
  }
  const sklearn = opts.sklearn ? await probeSklearn() : undefined
  if (sklearn !== undefined && !sklearn.ok) console.log(`bench:large: scikit-learn unavailable, --sklearn ignored: ${sklearn.reason}`)

  const spec = { ...LARGE_DATASET, rows: opts.rows }
  return withWorkDir('vigil-bench-large-', async (workDir) => {
    progress(`generating ${spec.name}: ${spec.rows} x ${spec.cols} (seed ${spec.seed})`)
    const { meta, dir } = prepareWhole(spec.name, syntheticData(spec.rows, spec.cols, spec.seed), workDir)
    progress(`prepared: ${meta.rows} x ${meta.cols}, ${meta.anomalies} anomalies`)
    const args: WorkerArgs = {
      mode: 'train',
      dataDir: dir,
      seeds: [0],
      batchRows: BATCH_ROWS,
      latencyCalls: 0,
      latencyWarmupCalls: 0,
      latencyMaxSeconds: 0,
      budgetSeconds: Infinity,
      warmupRounds: WARMUP_ROUNDS,
      warmupSeed: WARMUP_SEED,
    }
    const results: LargeResult[] = []
    for (const p of runnable) {
      const sides: Side[] = ['vigil', ...(sklearn?.ok === true && LARGE_SKLEARN.includes(p.id) ? (['sklearn'] as const) : [])]
      for (const side of sides) {
        const sideProgress = withPrefix(progress, `${p.id} / ${side}: `)
        sideProgress('started')
        const run = await runSide({ side, algorithm: p.id, args, timeoutMs: opts.timeoutMinutes * 60_000, progress: sideProgress })
        const result = largeResult(p.id, p.purpose, meta.rows, run)
        results.push(result)
        sideProgress(`done in ${formatDuration(run.wallMs)}${result.memoryMb === undefined ? '' : `, peak ${result.memoryMb.toFixed(0)} MB above baseline`}`)
      }
    }

    const incomplete = [
      ...(runnable.length < plan.filter((p) => registry.has(p.id)).length ? ['not every registered algorithm ran (--only)'] : []),
      ...(opts.rows !== LARGE_DATASET.rows ? [`${opts.rows} rows instead of ${LARGE_DATASET.rows}`] : []),
    ]
    const report: LargeReport = {
      generatedAt: new Date().toISOString(),
      complete: incomplete.length === 0,
      environment: environment(sklearn?.ok === true ? sklearn.value : undefined),
      rows: meta.rows,
      cols: meta.cols,
      anomalies: meta.anomalies,
      sklearn: sklearn?.ok === true,
      timeoutMinutes: opts.timeoutMinutes,
      wallMs: performance.now() - started,
      results,
      skipped,
    }
    console.log(`\nTraining on ${meta.rows} rows x ${meta.cols} columns (memory = peak RSS above the RSS after loading the data)\n`)
    console.log(renderTextTable(LARGE_COLUMNS, results.map(largeRow)))
    for (const r of results) if (r.error !== undefined) console.log(`${r.algorithm} (${r.side}): error: ${r.error}`)
    const rawFile = saveRawResults(report, resultsDir, report.complete ? 'large' : 'large-partial')
    console.log(`\nraw results: ${path.relative(repoRoot, rawFile)}`)
    if (report.complete) {
      writeFileSync(largeBenchmarksDoc, largeBenchmarksMarkdown(report))
      console.log(`report: ${path.relative(repoRoot, largeBenchmarksDoc)} rewritten`)
    } else {
      console.log(`report: ${path.relative(repoRoot, largeBenchmarksDoc)} left unchanged (partial run: ${incomplete.join('; ')})`)
    }
    console.log(`total time: ${formatDuration(report.wallMs)}`)
    return 0
  })
}

process.exitCode = await main()
