import { benchRows } from '../bench/batch/batch-data.js'
import { buildTestApp } from '../test/helper.js'
import { monitorEventLoopDelay } from 'node:perf_hooks'
const rows = benchRows(100000, 2)
const body = JSON.stringify({ model_id: 'nobody', data: rows })
console.log('body MB', body.length / 2**20)
let t = performance.now(); const parsed = JSON.parse(body); console.log('parse ms', performance.now() - t)
t = performance.now(); structuredClone(parsed.data); console.log('structuredClone ms', performance.now() - t)
const { MessageChannel } = await import('node:worker_threads')
const ch = new MessageChannel()
t = performance.now(); ch.port1.postMessage(parsed.data); console.log('postMessage ms', performance.now() - t)
ch.port1.close()
const app = await buildTestApp({ TRAIN_CONCURRENCY: '1' })
const h = monitorEventLoopDelay({ resolution: 5 }); h.enable()
t = performance.now()
const res = await app.app.inject({ method: 'POST', url: '/predict-batch', payload: body, headers: { 'content-type': 'application/json' } })
console.log('inject 404 ms', performance.now() - t, res.statusCode, res.body.slice(0, 100))
h.disable(); console.log('max loop delay ms', h.max / 1e6)
await app.close()
