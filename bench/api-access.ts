/**
 * 001's threshold question on its own data: train a supervised model on
 * ../shared/data/api-access-behaviour through the API (held-out split chosen
 * by the service) and print the threshold table for the recommended (max F1)
 * threshold next to the contamination baseline. Usage:
 * `npx tsx bench/api-access.ts [algorithm] [contamination]` (default gradient_boosting, 0.1);
 * `FEATURES=a,b,c` trains on those columns instead of all nine.
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { multipart } from '../test/helper.js'
import { dataDir } from './paths.js'

const file = path.join(dataDir(), 'api-access-behaviour', 'supervised_dataset.csv')
if (!existsSync(file)) {
  console.log(`skipped: ${file} not found`)
  process.exit(0)
}
const algorithm = process.argv[2] ?? 'gradient_boosting'
const contamination = Number(process.argv[3] ?? 0.1)
const storage = await mkdtemp(path.join(tmpdir(), 'vigil-api-access-'))
const app = await buildApp(loadConfig({ MODEL_STORAGE_PATH: storage }))
try {
  const dataset = (await app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('supervised_dataset.csv', readFileSync(file)) })).json().dataset_id as string
  const features = process.env['FEATURES'] ? process.env['FEATURES'].split(',') : ['inter_api_access_duration(sec)', 'api_access_uniqueness', 'sequence_length(count)', 'vsession_duration(min)', 'ip_type', 'num_sessions', 'num_users', 'num_unique_apis', 'source']
  const rows: string[] = []
  for (const seed of [0, 1, 2]) {
    const res = await app.inject({
      method: 'POST',
      url: `/train/${dataset}`,
      payload: { algorithm, contamination, feature_columns: features, label_column: 'is_anomaly', random_state: seed, threshold: { objective: 'f1' } },
    })
    if (res.statusCode !== 200) throw new Error(res.body)
    const evaluation = (await app.inject({ url: `/models/${res.json().model_id}/evaluation` })).json()
    for (const row of [evaluation.baseline, evaluation.recommended]) {
      rows.push(`| ${seed} | ${row.name} | ${row.threshold.toFixed(4)} | ${row.precision.toFixed(3)} | ${row.recall.toFixed(3)} | ${row.f1.toFixed(3)} | ${row.alert_rate.toFixed(3)} |`)
    }
    if (seed === 0) console.log(`${algorithm}, contamination ${contamination}; held out: ${evaluation.split}; ROC-AUC ${evaluation.roc_auc.toFixed(4)}, PR-AUC ${evaluation.pr_auc.toFixed(4)}\n`)
  }
  console.log('| seed | threshold | value | precision | recall | F1 | alert rate |')
  console.log('|---|---|---:|---:|---:|---:|---:|')
  for (const r of rows) console.log(r)
} finally {
  await app.close()
  await rm(storage, { recursive: true, force: true })
}
