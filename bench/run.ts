/**
 * `npm run bench`: Vigil's detectors against scikit-learn on real labelled
 * data, in one run. Prints a table per case, rewrites docs/benchmarks.md and
 * saves the raw numbers under bench/results/.
 */
import { existsSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BenchCase } from './bench-case.js'
import { benchmarksMarkdown } from './benchmarks-doc.js'
import { CASES } from './cases.js'
import { DATASETS } from './datasets.js'
import { loadLabelledCsv, type LabelledData } from './load-csv.js'
import { benchmarksDoc, dataDir, repoRoot, resultsDir } from './paths.js'
import { SEEDS, WARMUP_SEED } from './protocol.js'
import type { BenchReport, CaseResult, DatasetResult } from './report.js'
import { COLUMNS, tableRow } from './report-rows.js'
import { saveRawResults } from './results-json.js'
import { summarizeSide } from './side-result.js'
import { probeSklearn, runSklearn, type Outcome, type SklearnVersions } from './sklearn.js'
import { renderTextTable } from './text-table.js'
import { verdict } from './verdict.js'
import { runVigil } from './vigil-side.js'

interface LoadedDataset {
  readonly name: string
  readonly file: string
  readonly data: LabelledData
}

const progress = (message: string): void => {
  process.stderr.write(`${message}\n`)
}

async function runDataset(benchCase: BenchCase, ds: LoadedDataset, sklearnReady: Outcome<SklearnVersions>): Promise<DatasetResult> {
  const { X, y } = ds.data
  progress(`  ${ds.name}: Vigil...`)
  const vigil = summarizeSide(await runVigil(benchCase, X, SEEDS, WARMUP_SEED), y)
  const base = { dataset: ds.name, rows: X.rows, cols: X.cols, anomalies: y.reduce((n, v) => n + v, 0), vigil }
  if (!sklearnReady.ok) return { ...base, sklearn: null, sklearnReason: sklearnReady.reason }
  progress(`  ${ds.name}: scikit-learn...`)
  const sk = await runSklearn(benchCase.sklearn.model, ds.file, SEEDS, WARMUP_SEED, benchCase.sklearn.params)
  if (!sk.ok) return { ...base, sklearn: null, sklearnReason: sk.reason }
  if (sk.value.rows !== X.rows || sk.value.cols !== X.cols) {
    const reason = `scikit-learn read ${sk.value.rows} x ${sk.value.cols}, Vigil ${X.rows} x ${X.cols}`
    return { ...base, sklearn: null, sklearnReason: reason }
  }
  return { ...base, sklearn: summarizeSide(sk.value.runs, y) }
}

async function main(): Promise<void> {
  const dir = dataDir()
  if (!existsSync(dir)) {
    console.log(`bench: skipped, data folder not found: ${dir}`)
    console.log('Set VIGIL_DATA_DIR to the folder holding odds-thyroid/, odds-shuttle/, ... (default: ../shared/data next to the repository).')
    return
  }

  const skipped: string[] = []
  const datasets: LoadedDataset[] = []
  for (const spec of DATASETS) {
    const file = path.join(dir, spec.file)
    if (existsSync(file)) datasets.push({ name: spec.name, file, data: loadLabelledCsv(file) })
    else skipped.push(`${spec.name}: ${file} not found`)
  }
  for (const s of skipped) console.log(`bench: skipping ${s}`)
  if (datasets.length === 0) {
    console.log(`bench: skipped, none of the datasets were found under ${dir}`)
    return
  }

  const cases: CaseResult[] = []
  let python: SklearnVersions | undefined
  let sklearnMissing: string | undefined
  for (const benchCase of CASES) {
    const sklearnReady = await probeSklearn(benchCase.sklearn.model)
    if (sklearnReady.ok) python = sklearnReady.value
    else {
      sklearnMissing = sklearnReady.reason
      console.log(`bench: scikit-learn unavailable, its columns will read n/a: ${sklearnReady.reason}`)
    }
    progress(`${benchCase.title} (${SEEDS.length} seeds per dataset)`)
    const results: DatasetResult[] = []
    for (const ds of datasets) results.push(await runDataset(benchCase, ds, sklearnReady))
    cases.push({ id: benchCase.id, title: benchCase.title, protocol: benchCase.protocol, datasets: results })
  }

  const cpus = os.cpus()
  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    environment: {
      node: process.versions.node,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
      cores: cpus.length,
      ...(python === undefined ? {} : { python }),
    },
    seeds: SEEDS,
    warmupSeed: WARMUP_SEED,
    cases,
    skipped,
  }

  for (const c of cases) {
    console.log(`\n${c.title}: Vigil vs scikit-learn (AUROC/PR-AUC mean, times median over ${SEEDS.length} seeds; ratio = Vigil ÷ sklearn, lower is better)\n`)
    console.log(renderTextTable(COLUMNS, c.datasets.map(tableRow)))
    console.log('')
    for (const d of c.datasets) console.log(verdict(d))
  }

  const rawFile = saveRawResults(report, resultsDir)
  console.log(`\nraw results: ${path.relative(repoRoot, rawFile)}`)
  if (sklearnMissing === undefined) {
    writeFileSync(benchmarksDoc, benchmarksMarkdown(report))
    console.log(`report: ${path.relative(repoRoot, benchmarksDoc)}`)
  } else {
    console.log(`report: ${path.relative(repoRoot, benchmarksDoc)} left unchanged (no scikit-learn numbers to compare with)`)
  }
}

await main()
