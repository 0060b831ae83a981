/**
 * How the label-free 'auto' threshold (median + 3 robust standard deviations
 * of training scores) behaves on the shared labelled data: its false-positive
 * rate on normal rows, recall on anomalies and alert rate, next to the
 * contamination-quantile threshold at the true anomaly rate. Usage:
 * `npx tsx bench/auto-threshold.ts` (prints a Markdown table).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { calibrate } from '../src/detectors/calibration.js'
import { isolationForest } from '../src/detectors/isolation-forest/index.js'
import { autoThreshold } from '../src/evaluation/auto-threshold.js'
import { metricsAt } from '../src/evaluation/threshold-metrics.js'
import { loadLabelledCsv } from './load-csv.js'
import { dataDir } from './paths.js'

const SETS = ['thyroid', 'cardio', 'shuttle', 'satellite', 'mammography', 'breastw', 'pima', 'wbc', 'ionosphere', 'smtp']

const root = dataDir()
if (!existsSync(root)) {
  console.log(`skipped: ${root} not found`)
  process.exit(0)
}
console.log('| dataset | anomaly rate | auto: FPR | auto: recall | auto: alert rate | contamination at true rate: FPR | recall |')
console.log('|---|---:|---:|---:|---:|---:|---:|')
const fprs: number[] = []
for (const name of SETS) {
  const file = path.join(root, `odds-${name}`, `${name}.csv`)
  if (!existsSync(file)) continue
  const { X, y } = loadLabelledCsv(file)
  const scores = (await isolationForest.fit({ X, featureNames: [], seed: 0 }, { n_estimators: 100, max_samples: 'auto', max_features: 1, bootstrap: false })).score(X)
  const rate = y.reduce((a, b) => a + b, 0) / y.length
  const auto = metricsAt(scores, y, autoThreshold(scores))
  const base = metricsAt(scores, y, calibrate(scores, Math.min(0.5, Math.max(rate, 1e-4))).threshold)
  const fpr = (m: typeof auto) => m.confusion_matrix.fp / (m.confusion_matrix.fp + m.confusion_matrix.tn)
  fprs.push(fpr(auto))
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`
  console.log(`| ${name} | ${pct(rate)} | ${pct(fpr(auto))} | ${pct(auto.recall)} | ${pct(auto.alert_rate)} | ${pct(fpr(base))} | ${pct(base.recall)} |`)
}
console.log(`\nmean FPR of 'auto' over ${fprs.length} sets: ${((fprs.reduce((a, b) => a + b, 0) / fprs.length) * 100).toFixed(1)}%`)
