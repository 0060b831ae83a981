/**
 * `npm run bench:defaults`: does a new user of Vigil, sending 002's requests
 * with no tuning, detect as well as a data scientist with scikit-learn's
 * defaults in a notebook? For every labelled table in the shared data folder,
 * three seeded stratified 70/30 splits: the training rows are uploaded to a
 * real Vigil server over HTTP and trained on with the 002-style and the bare
 * request, the test rows scored with `/predict-batch`; scikit-learn fits the
 * same rows in the same command. AUROC and PR-AUC (average precision) of
 * both sides, computed by the same function, go to docs/benchmarks-defaults.md.
 *
 *   npm run bench:defaults [-- --datasets cardio,thyroid] [--algorithms isolation_forest] [--splits 3] [--no-doc] [--styles 002,bare] [--extra JSON]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { averagePrecision, rocAuc } from '../../src/math/metrics.js'
import { dataDir, repoRoot } from '../paths.js'
import { stratifiedSplit } from '../split.js'
import { findLabelledTables, LABEL, type LabelledTable } from './labelled-sets.js'
import { mixedUnitsTable } from './mixed-units.js'
import { renderDefaultsDoc, type DefaultsRow } from './report.js'
import { ALGORITHMS, type Algorithm, type RequestStyle, trainRequest } from './requests.js'
import { runSklearn } from './sklearn-side.js'
import { VigilClient } from './vigil-client.js'

const args = process.argv.slice(2)
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const only = option('datasets') ? new Set((option('datasets') as string).split(',')) : undefined
const algorithms = (option('algorithms')?.split(',') ?? [...ALGORITHMS]) as Algorithm[]
const splits = Number(option('splits') ?? 3)
const writeDoc = !args.includes('--no-doc')
/** For experiments: JSON merged into every training request (e.g. '{"features": {"standardize": false}}'); implies --no-doc. */
const extra = option('extra') ? (JSON.parse(option('extra') as string) as Record<string, unknown>) : undefined
const STYLES = (option('styles')?.split(',') ?? ['002', 'bare']) as RequestStyle[]

const tables = findLabelledTables(dataDir(), only)
if (!only || only.has('mixed-units')) tables.push(mixedUnitsTable())
if (tables.length === 0) {
  console.error(`no labelled tables under ${dataDir()} (set VIGIL_DATA_DIR, or put ../shared beside the repository)`)
  process.exit(2)
}

const storage = mkdtempSync(path.join(tmpdir(), 'vigil-bench-defaults-'))
const work = mkdtempSync(path.join(tmpdir(), 'vigil-bench-defaults-split-'))
const app = await buildApp(loadConfig({ MODEL_STORAGE_PATH: storage, LOG_LEVEL: 'warn', WORKER_SCHEDULER: 'normal' }))
const address = await app.listen({ host: '127.0.0.1', port: 0 })
const vigil = new VigilClient(address)
const rows: DefaultsRow[] = []
let sklearnVersion = 'unavailable'
const started = performance.now()

try {
  for (const table of tables) {
    for (let seed = 0; seed < splits; seed++) {
      const split = stratifiedSplit(table.y, 0.7, seed)
      const pick = (idx: Int32Array) => Array.from(idx, (i) => table.rows[i] as readonly string[])
      const trainRows = pick(split.train)
      const testRows = pick(split.test)
      const yTest = Uint8Array.from(split.test, (i) => table.y[i] as number)
      const csv = (rs: readonly (readonly string[])[]) => [table.header.join(','), ...rs.map((r) => r.join(','))].join('\n') + '\n'
      writeFileSync(path.join(work, 'train.csv'), csv(trainRows))
      writeFileSync(path.join(work, 'test.csv'), csv(testRows))
      writeFileSync(path.join(work, 'split.json'), JSON.stringify({ inputs: table.inputs, text: [...table.text], label: LABEL, seed }))
      const sk = await runSklearn(work, algorithms)
      sklearnVersion = sk.version
      const datasetId = await vigil.upload(`${table.name}-train-${seed}.csv`, csv(trainRows))
      const events = testRows.map((r) => testEvent(table, r))
      for (const algorithm of algorithms) {
        const skScores = sk.scores.get(algorithm)
        for (const style of STYLES) {
          const t0 = performance.now()
          const trained = await vigil.train(datasetId, { ...trainRequest(style, algorithm, table), ...extra })
          const scores = await vigil.scores(trained.model_id, events)
          const seconds = (performance.now() - t0) / 1000
          await vigil.deleteModel(trained.model_id)
          rows.push({
            dataset: table.name,
            rows: table.rows.length,
            cols: table.inputs.length,
            seed,
            algorithm,
            style,
            vigil: { auroc: rocAuc(scores, yTest), prAuc: averagePrecision(scores, yTest), seconds },
            sklearn: skScores ? { auroc: rocAuc(skScores.scores, yTest), prAuc: averagePrecision(skScores.scores, yTest), seconds: skScores.seconds } : null,
            features: trained.features?.engineered?.length ?? 0,
            thresholdMethod: trained.training_stats?.threshold_method ?? '',
          })
          const last = rows[rows.length - 1] as DefaultsRow
          console.log(
            `${table.name.padEnd(12)} split ${seed} ${algorithm.padEnd(21)} ${style.padEnd(4)} AUROC vigil ${last.vigil.auroc.toFixed(3)} sklearn ${last.sklearn?.auroc.toFixed(3) ?? '-'}  PR-AUC ${last.vigil.prAuc.toFixed(3)} / ${last.sklearn?.prAuc.toFixed(3) ?? '-'}  (${last.features} features, ${seconds.toFixed(1)} s)`,
          )
        }
      }
    }
  }
} finally {
  await app.close()
  rmSync(storage, { recursive: true, force: true })
  rmSync(work, { recursive: true, force: true })
}

const doc = renderDefaultsDoc(rows, { splits, sklearnVersion, minutes: (performance.now() - started) / 60_000 })
console.log(doc.summary)
if (writeDoc && !extra) {
  writeFileSync(path.join(repoRoot, 'docs', 'benchmarks-defaults.md'), doc.markdown)
  console.log('wrote docs/benchmarks-defaults.md')
}

/** A test row as the JSON event a client sends: the input columns only, numbers as numbers. */
function testEvent(table: LabelledTable, row: readonly string[]): Record<string, number | string | null> {
  const event: Record<string, number | string | null> = {}
  for (const name of table.inputs) {
    const v = row[table.header.indexOf(name)] ?? ''
    event[name] = v === '' ? null : table.text.has(name) ? v : Number(v)
  }
  return event
}
