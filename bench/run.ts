/**
 * `npm run bench`: every registered Vigil algorithm against its scikit-learn
 * counterpart, on the ODDS sets and two synthetic sets, in one command. Each
 * (algorithm, dataset, side) runs in a child process of its own. Prints one
 * table per algorithm with a verdict per dataset, saves the raw numbers under
 * bench/results/, and rewrites docs/benchmarks.md after a complete run.
 * Options: see RUN_USAGE in options.ts (`npm run bench -- --help`).
 */
import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Value } from 'typebox/value'
import { registry } from '../src/detectors/registry.js'
import { ALGORITHMS } from './algorithms.js'
import { benchmarksMarkdown } from './benchmarks-doc.js'
import { comparePair } from './compare-pair.js'
import { DATASETS } from './datasets.js'
import { environment } from './environment.js'
import { parseRunOptions, RUN_USAGE, type RunOptions } from './options.js'
import { benchmarksDoc, dataDir, repoRoot, resultsDir, syntheticCsvDir } from './paths.js'
import { loadDataset, prepareSplits, type PreparedDataset } from './prepare-data.js'
import { createProgress, formatDuration, type Progress } from './progress.js'
import { BATCH_ROWS, DEFAULT_SEED_COUNT, LATENCY_CALLS, TRAIN_FRACTION } from './protocol.js'
import type { AlgorithmResult, BenchReport, DatasetResult } from './report.js'
import { columns, tableRow } from './report-rows.js'
import { saveRawResults } from './results-json.js'
import { probeSklearn } from './sklearn.js'
import { renderTextTable } from './text-table.js'
import { usageFailure } from './usage.js'
import { verdict } from './verdict.js'
import { withWorkDir } from './work-dir.js'

async function main(): Promise<number> {
  let parsed: RunOptions | undefined
  try {
    parsed = parseRunOptions(process.argv.slice(2))
  } catch (e) {
    return usageFailure(e, RUN_USAGE)
  }
  if (parsed === undefined) {
    console.log(RUN_USAGE)
    return 0
  }
  const opts = parsed
  const started = performance.now()
  const progress = createProgress(started)
  const seeds = Array.from({ length: opts.seedCount }, (_, k) => k)
  const asked = ALGORITHMS.filter((a) => opts.only === undefined || opts.only.includes(a.id))
  const runnable = asked.filter((a) => registry.has(a.id))
  for (const a of asked) if (!registry.has(a.id)) console.log(`bench: skipping ${a.id}: not registered in this build of Vigil (registry.has('${a.id}') is false)`)
  if (runnable.length === 0) {
    console.log('bench: nothing to run: none of the asked-for algorithms is registered')
    return 0
  }

  const specs = DATASETS.filter((d) => opts.datasets === undefined || opts.datasets.includes(d.name))
  const dir = dataDir()
  if (specs.some((d) => d.kind === 'odds') && !existsSync(dir)) {
    console.log(`bench: skipped, data folder not found: ${dir}`)
    console.log('Set VIGIL_DATA_DIR to the folder holding odds-thyroid/, odds-shuttle/, ... (default: ../shared/data next to the repository).')
    return 0
  }
  const sklearn = await probeSklearn()
  if (!sklearn.ok) console.log(`bench: scikit-learn unavailable, its columns will read n/a: ${sklearn.reason}`)

  return withWorkDir('vigil-bench-', async (workDir) => {
    const skippedDatasets: string[] = []
    const prepared: PreparedDataset[] = []
    for (const spec of specs) {
      const loaded = await loadDataset(spec, dir, syntheticCsvDir)
      if (!loaded.ok) {
        skippedDatasets.push(`${spec.name}: ${loaded.reason}`)
        console.log(`bench: skipping dataset ${spec.name}: ${loaded.reason}`)
        continue
      }
      const ds = prepareSplits(spec.name, loaded.data, seeds, workDir)
      prepared.push(ds)
      progress(`prepared ${spec.name}: ${ds.meta.rows} x ${ds.meta.cols}, ${ds.meta.anomalies} anomalies${loaded.csv === undefined ? '' : ` (CSV: ${path.relative(repoRoot, loaded.csv)})`}`)
    }
    if (prepared.length === 0) {
      console.log(`bench: skipped, none of the datasets were found under ${dir}`)
      return 0
    }

    const algorithms: AlgorithmResult[] = []
    // the report lists what ran, plus every algorithm this build does not register (as skipped)
    for (const a of ALGORITHMS.filter((x) => asked.includes(x) || !registry.has(x.id))) {
      const registered = registry.has(a.id)
      const datasets: DatasetResult[] = []
      if (registered) {
        progress(`${a.title} (${a.id}): ${prepared.length} dataset(s) x ${seeds.length} seed(s), Vigil then scikit-learn`)
        for (const ds of prepared) datasets.push(await comparePair(a, ds, { seeds, budgetMinutes: opts.budgetMinutes, timeoutMinutes: opts.timeoutMinutes, sklearn, progress }))
      }
      const params = registered ? { vigilParams: Value.Default(registry.get(a.id).params, {}) as Record<string, unknown> } : {}
      algorithms.push({ id: a.id, title: a.title, supervised: a.supervised, registered, ...params, sklearn: a.sklearn, sklearnScore: a.sklearnScore, maxTrainRatio: a.maxTrainRatio, datasets })
    }

    const incomplete = [
      ...(runnable.length < ALGORITHMS.filter((a) => registry.has(a.id)).length ? ['not every registered algorithm ran (--only)'] : []),
      ...(prepared.length < DATASETS.length ? ['not every dataset ran'] : []),
      ...(seeds.length !== DEFAULT_SEED_COUNT ? [`${seeds.length} seed(s) instead of ${DEFAULT_SEED_COUNT}`] : []),
      ...(sklearn.ok ? [] : ['no scikit-learn numbers to compare with']),
    ]
    const report: BenchReport = {
      generatedAt: new Date().toISOString(),
      complete: incomplete.length === 0,
      environment: environment(sklearn.ok ? sklearn.value : undefined),
      seeds,
      trainFraction: TRAIN_FRACTION,
      batchRows: BATCH_ROWS,
      latencyCalls: LATENCY_CALLS,
      budgetMinutes: opts.budgetMinutes,
      timeoutMinutes: opts.timeoutMinutes,
      wallMs: performance.now() - started,
      algorithms,
      skippedDatasets,
    }
    printReport(report, progress)
    const rawFile = saveRawResults(report, resultsDir, report.complete ? 'bench' : 'bench-partial')
    console.log(`\nraw results: ${path.relative(repoRoot, rawFile)}`)
    if (report.complete) {
      writeFileSync(benchmarksDoc, benchmarksMarkdown(report))
      console.log(`report: ${path.relative(repoRoot, benchmarksDoc)} rewritten`)
    } else {
      console.log(`report: ${path.relative(repoRoot, benchmarksDoc)} left unchanged (partial run: ${incomplete.join('; ')})`)
    }
    console.log(`total time: ${formatDuration(report.wallMs)}`)
    return 0
  })
}

function printReport(report: BenchReport, progress: Progress): void {
  progress('done; results:')
  for (const a of report.algorithms) {
    if (!a.registered) {
      console.log(`\n${a.title} (${a.id}): skipped, not registered in this build of Vigil`)
      continue
    }
    const n = report.seeds.length
    console.log(`\n${a.title} (${a.id}) vs scikit-learn ${a.sklearn}`)
    console.log(`AUROC/PR-AUC on the ${Math.round((1 - report.trainFraction) * 100)}% test split, mean of ${n} seed(s); times median; ratio = Vigil ÷ sklearn, lower is better; memory = peak RSS above the RSS after loading the data\n`)
    console.log(renderTextTable(columns(report.batchRows), a.datasets.map(tableRow)))
    console.log('')
    for (const d of a.datasets) console.log(verdict(a, d))
  }
}

process.exitCode = await main()
