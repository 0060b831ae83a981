/**
 * Single-row POST /predict latency with explanations against explain: false,
 * for every registered algorithm, on models trained with their defaults on
 * `--rows` rows (default 2,000; try 20000 for fully grown forests), two ways:
 * through the whole app in-process (`inject`: routing, validation, features,
 * scoring, serialisation, no network) and over loopback HTTP with a
 * keep-alive connection (what a client on the same host sees). Each mode
 * runs in alternating blocks of consecutive calls, so bursts of machine noise
 * fall on both. Usage: `npx tsx bench/explain-latency.ts [--rows N]`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { registry } from '../src/detectors/registry.js'
import { multipart, sampleCsv } from '../test/helper.js'

const BLOCKS = 10
const BLOCK_CALLS = 200
const rowsArg = process.argv.indexOf('--rows')
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 2000
if (!Number.isInteger(ROWS) || ROWS < 100) throw new Error(`--rows must be an integer >= 100, got ${process.argv[rowsArg + 1]}`)
const storage = await mkdtemp(path.join(tmpdir(), 'vigil-latency-'))
const app = await buildApp(loadConfig({ MODEL_STORAGE_PATH: storage }))
const dataset = (await app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('d.csv', sampleCsv(ROWS)) })).json().dataset_id as string
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
if (address === null || typeof address === 'string') throw new Error('the server has no TCP address')
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

type Send = (body: string) => Promise<void>
const inject: Send = async (body) => {
  await app.inject({ method: 'POST', url: '/predict', headers: { 'content-type': 'application/json' }, payload: body })
}
const overHttp: Send = (body) =>
  new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: address.port, path: '/predict', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume()
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`/predict answered ${res.statusCode}`))))
      },
    )
    req.on('error', reject)
    req.end(body)
  })

/** p50 of explain on and off, in µs, from alternating blocks of calls (after one warm-up block each). */
async function measure(send: Send, model: string): Promise<{ on: number[]; off: number[] }> {
  const times = { on: [] as number[], off: [] as number[] }
  for (let block = -1; block < BLOCKS; block++) {
    for (const explain of [true, false]) {
      for (let i = 0; i < BLOCK_CALLS; i++) {
        const body = JSON.stringify({ model_id: model, data: { price: 100 + (i % 50), volume: 1000, amount: 10000, timestamp: '2024-03-01T10:00:00Z' }, explain })
        const t0 = process.hrtime.bigint()
        await send(body)
        if (block >= 0) times[explain ? 'on' : 'off'].push(Number(process.hrtime.bigint() - t0) / 1000)
      }
    }
  }
  return times
}

const q = (v: number[], p: number): number => [...v].sort((a, b) => a - b)[Math.floor(p * (v.length - 1))] as number
const cells = ({ on, off }: { on: number[]; off: number[] }): string =>
  `${q(on, 0.5).toFixed(0)} | ${q(off, 0.5).toFixed(0)} | ${(q(on, 0.5) / q(off, 0.5)).toFixed(2)} | ${q(on, 0.99).toFixed(0)} | ${q(off, 0.99).toFixed(0)}`
console.log(`models trained on ${ROWS} rows; ${BLOCKS} alternating blocks of ${BLOCK_CALLS} calls per mode`)
console.log('| algorithm | contribution_method | in-process p50 µs explain | explain: false | ratio | p99 explain | p99 explain: false | loopback HTTP p50 µs explain | explain: false | ratio | p99 explain | p99 explain: false |')
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
for (const plugin of registry.list()) {
  const model = (
    await app.inject({ method: 'POST', url: `/train/${dataset}`, payload: { algorithm: plugin.id, target_column: 'price', feature_columns: ['volume', 'amount'], label_column: 'is_anomaly' } })
  ).json().model_id as string
  const inProcess = await measure(inject, model)
  const loopback = await measure(overHttp, model)
  const probe = await app.inject({ method: 'POST', url: '/predict', payload: { model_id: model, data: { price: 100, volume: 1000, amount: 10000, timestamp: '2024-03-01T10:00:00Z' } } })
  const method = String(probe.json().prediction?.contribution_method ?? '–')
  console.log(`| ${plugin.id} | ${method} | ${cells(inProcess)} | ${cells(loopback)} |`)
}
agent.destroy()
await app.close()
await rm(storage, { recursive: true, force: true })
