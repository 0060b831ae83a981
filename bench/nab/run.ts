/**
 * `npm run bench:nab`: isolation forest (and LOF once registered) on NAB's
 * realKnownCause, realAWSCloudwatch and realTraffic series, raw value vs
 * automatic features vs a rolling z-score; prints the tables and writes
 * docs/benchmarks-nab.md. `--no-ablations` skips the feature ablations.
 */
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { renderDoc } from './doc.js'
import { runExperiment } from './experiment.js'
import { describeMachine, loadAverage } from './machine.js'
import { nabDataDir, nabDoc, NAB_CATEGORIES } from './paths.js'
import { loadNabCorpus } from './series.js'
import { renderTables } from './tables.js'

const started = Date.now()
const loadAtStart = loadAverage()
const dataDir = nabDataDir()
const series = existsSync(dataDir) ? await loadNabCorpus(dataDir) : undefined
if (series === undefined) {
  const folders = NAB_CATEGORIES.map((c) => `nab-${c}`).join(', ')
  console.log(`bench:nab skipped: the NAB data (${folders}) is not in ${dataDir}; put it there or set VIGIL_DATA_DIR.`)
  process.exit(0)
}

const withAblations = !process.argv.includes('--no-ablations')
console.error(`bench:nab: ${series.length} series from ${dataDir}${withAblations ? ', with ablations' : ''}`)
const result = await runExperiment(series, withAblations, (line) => console.error(`  ${line}`))
const tables = renderTables(result)
const seconds = (Date.now() - started) / 1000
console.log(tables)
const doc = await renderDoc({
  result,
  tables,
  seconds,
  machine: describeMachine(),
  load: [loadAtStart, loadAverage()],
  date: new Date().toISOString().slice(0, 10),
})
await writeFile(nabDoc, doc)
console.log(`bench:nab: ${seconds.toFixed(0)} s; wrote ${nabDoc}`)
