/**
 * Single-row POST /predict latency with explanations against explain: false,
 * through the whole app in-process (routing, validation, features, scoring,
 * serialisation), for every registered algorithm, on models trained with
 * their defaults on `--rows` rows (default 2,000; try 20000 for fully grown
 * forests). Usage: `npx tsx bench/explain-latency.ts [--rows N]`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { registry } from '../src/detectors/registry.js'
import { multipart, sampleCsv } from '../test/helper.js'

const CALLS = 2000
const rowsArg = process.argv.indexOf('--rows')
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 2000
if (!Number.isInteger(ROWS) || ROWS < 100) throw new Error(`--rows must be an integer >= 100, got ${process.argv[rowsArg + 1]}`)
const storage = await mkdtemp(path.join(tmpdir(), 'vigil-latency-'))
const app = await buildApp(loadConfig({ MODEL_STORAGE_PATH: storage }))
const dataset = (await app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('d.csv', sampleCsv(ROWS)) })).json().dataset_id as string
console.log(`models trained on ${ROWS} rows; ${CALLS} calls each`)
console.log('| algorithm | contribution_method | p50 µs explain | p50 µs explain: false | ratio | p99 µs explain | p99 µs explain: false |')
console.log('|---|---|---:|---:|---:|---:|---:|')
for (const plugin of registry.list()) {
  const model = (
    await app.inject({ method: 'POST', url: `/train/${dataset}`, payload: { algorithm: plugin.id, target_column: 'price', feature_columns: ['volume', 'amount'], label_column: 'is_anomaly' } })
  ).json().model_id as string
  const time = async (explain: boolean): Promise<number[]> => {
    const out: number[] = []
    for (let i = 0; i < CALLS; i++) {
      const data = { price: 100 + (i % 50), volume: 1000, amount: 10000, timestamp: '2024-03-01T10:00:00Z' }
      const t0 = process.hrtime.bigint()
      await app.inject({ method: 'POST', url: '/predict', payload: { model_id: model, data, explain } })
      out.push(Number(process.hrtime.bigint() - t0) / 1000)
    }
    return out.sort((a, b) => a - b)
  }
  await time(true) // warm-up
  await time(false)
  // interleave the two measurements to share the machine's noise
  const [on, off] = [await time(true), await time(false)]
  const probe = await app.inject({ method: 'POST', url: '/predict', payload: { model_id: model, data: { price: 100, volume: 1000, amount: 10000, timestamp: '2024-03-01T10:00:00Z' } } })
  const method = String(probe.json().prediction?.contribution_method ?? '–')
  const q = (v: number[], p: number) => v[Math.floor(p * (v.length - 1))] as number
  console.log(`| ${plugin.id} | ${method} | ${q(on, 0.5).toFixed(0)} | ${q(off, 0.5).toFixed(0)} | ${(q(on, 0.5) / q(off, 0.5)).toFixed(2)} | ${q(on, 0.99).toFixed(0)} | ${q(off, 0.99).toFixed(0)} |`)
}
await app.close()
await rm(storage, { recursive: true, force: true })
