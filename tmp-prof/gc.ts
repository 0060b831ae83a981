import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks'
import { benchRows, benchCsv, BENCH_FEATURES } from '../bench/batch/batch-data.js'
import { buildTestApp, multipart } from '../test/helper.js'
const n = Number(process.argv[2] ?? 50000)
const t = await buildTestApp({ TRAIN_CONCURRENCY: '1' })
const up = await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('train.csv', benchCsv(benchRows(5000, 1))) })
const tr = await t.app.inject({ method: 'POST', url: `/train/${up.json().dataset_id}`, payload: { model_id: 'm', feature_columns: BENCH_FEATURES } })
console.log('trained', tr.statusCode)
const body = JSON.stringify({ model_id: 'm', data: benchRows(n, 2) })
const gcs: { kind: number; ms: number }[] = []
const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) gcs.push({ kind: (e.detail as { kind: number }).kind, ms: e.duration }) })
obs.observe({ entryTypes: ['gc'] })
const h = monitorEventLoopDelay({ resolution: 2 }); h.enable()
const t0 = performance.now()
const res = await t.app.inject({ method: 'POST', url: '/predict-batch', payload: body, headers: { 'content-type': 'application/json', accept: process.argv[3] ?? 'application/json' } })
console.log('status', res.statusCode, 'bytes', res.rawPayload.length, 'ms', performance.now() - t0)
h.disable()
console.log('loop delay p99', h.percentile(99) / 1e6, 'max', h.max / 1e6)
const big = gcs.filter((g) => g.ms > 5)
console.log('gcs', gcs.length, 'total ms', gcs.reduce((a, g) => a + g.ms, 0).toFixed(0), 'over 5ms:', big.map((g) => `${g.kind}:${g.ms.toFixed(0)}`).join(' '))
await t.close()
