/**
 * `npm run bench:doc`: rewrite docs/benchmarks.md from saved runs, taking for
 * each registered algorithm the newest run (under bench/results/) that covered
 * every dataset with the default seeds and scikit-learn. Lets the six
 * algorithms be measured in separate sittings (`npm run bench -- --only ...`).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { registry } from '../src/detectors/registry.js'
import { ALGORITHMS } from './algorithms.js'
import { benchmarksMarkdown } from './benchmarks-doc.js'
import { DATASETS } from './datasets.js'
import { benchmarksDoc, repoRoot, resultsDir } from './paths.js'
import { DEFAULT_SEED_COUNT } from './protocol.js'
import type { AlgorithmResult, BenchReport, RunSource } from './report.js'

interface Found {
  readonly report: BenchReport
  readonly algorithm: AlgorithmResult
}

/** A run's result for one algorithm counts when it has every dataset, the default seeds and scikit-learn on every row. */
function covers(report: BenchReport, a: AlgorithmResult): boolean {
  if (!a.registered || report.seeds.length !== DEFAULT_SEED_COUNT || report.environment.python === undefined) return false
  const names = new Set(a.datasets.filter((d) => d.sklearn !== null || d.sklearnReason !== undefined).map((d) => d.dataset))
  return DATASETS.every((d) => names.has(d.name))
}

function savedRuns(): BenchReport[] {
  return readdirSync(resultsDir)
    .filter((f) => /^bench(-partial)?-\d{4}-.*\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(path.join(resultsDir, f), 'utf8')) as BenchReport)
    .filter((r) => Array.isArray(r.algorithms) && typeof r.generatedAt === 'string')
    .sort((a, b) => (a.generatedAt < b.generatedAt ? 1 : -1))
}

function main(): number {
  const runs = savedRuns()
  const chosen: Found[] = []
  const missing: string[] = []
  for (const spec of ALGORITHMS.filter((a) => registry.has(a.id))) {
    const hit = runs.flatMap((report) => report.algorithms.filter((a) => a.id === spec.id && covers(report, a)).map((algorithm) => ({ report, algorithm })))[0]
    if (hit) chosen.push(hit)
    else missing.push(spec.id)
  }
  if (missing.length > 0) {
    console.log(`bench:doc: no complete saved run (every dataset, ${DEFAULT_SEED_COUNT} seeds, scikit-learn) for ${missing.join(', ')}; run \`npm run bench -- --only ${missing.join(',')}\` first. ${path.relative(repoRoot, benchmarksDoc)} left unchanged.`)
    return 1
  }
  const newest = chosen.reduce((a, b) => (a.report.generatedAt > b.report.generatedAt ? a : b)).report
  const sources: RunSource[] = chosen.map((c) => ({ algorithm: c.algorithm.id, generatedAt: c.report.generatedAt, wallMs: c.report.wallMs }))
  const merged: BenchReport = {
    ...newest,
    complete: true,
    wallMs: sources.reduce((s, x) => s + x.wallMs, 0),
    algorithms: ALGORITHMS.map((spec) => chosen.find((c) => c.algorithm.id === spec.id)?.algorithm ?? { id: spec.id, title: spec.title, supervised: spec.supervised, registered: false, sklearn: spec.sklearn, sklearnScore: spec.sklearnScore, maxTrainRatio: spec.maxTrainRatio, datasets: [] }),
    skippedDatasets: [],
    sources,
  }
  writeFileSync(benchmarksDoc, benchmarksMarkdown(merged))
  for (const s of sources) console.log(`bench:doc: ${s.algorithm} from the run of ${s.generatedAt}`)
  console.log(`bench:doc: ${path.relative(repoRoot, benchmarksDoc)} rewritten`)
  return 0
}

process.exitCode = main()
