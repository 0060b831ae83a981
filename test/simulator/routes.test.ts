import { get, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'

interface Status {
  running: boolean
  subscribers: number
  logs_generated: number
  anomalies_generated: number
}

const FAST = { log_generation: { logs_per_second: 500 } }

describe('simulator routes', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => t.close())

  const status = async (): Promise<Status> => (await t.app.inject({ url: '/simulator' })).json<Status>()
  const control = (payload: object) => t.app.inject({ method: 'POST', url: '/simulator/control', payload })
  const until = async (check: (s: Status) => boolean): Promise<Status> => {
    for (let i = 0; i < 100; i++) {
      const s = await status()
      if (check(s)) return s
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error('timed out waiting for the simulator')
  }

  it('GET /simulator/scenarios lists the 16 scenarios with weights, shares and traces', async () => {
    const res = await t.app.inject({ url: '/simulator/scenarios' })
    expect(res.statusCode).toBe(200)
    const body = res.json<{ global_anomaly_rate: number; scenarios: { id: string; expected_share: number; traces: string }[]; metrics: Record<string, string> }>()
    expect(body.global_anomaly_rate).toBe(0.08)
    expect(body.scenarios).toHaveLength(16)
    expect(body.scenarios[1]).toMatchObject({ id: 'BANK-002', name: 'Brute Force Attack', pattern: 'brute_force' })
    expect(body.scenarios.reduce((s, x) => s + x.expected_share, 0)).toBeCloseTo(1, 3)
    expect(body.scenarios.every((s) => s.traces.length > 20)).toBe(true)
    expect(Object.keys(body.metrics)).toContain('replication_lag_ms')
  })

  it('POST /simulator/datasets stores a labelled dataset; the same seed gives the same bytes', async () => {
    const make = (payload: object) => t.app.inject({ method: 'POST', url: '/simulator/datasets', payload })
    const a = await make({ rows: 3000, seed: 7, format: 'csv' })
    expect(a.statusCode).toBe(200)
    const body = a.json<{ dataset_id: string; rows: number; sha256: string; original_name: string; label_columns: string[]; summary: { anomalies: number } }>()
    expect(body).toMatchObject({ rows: 3000, original_name: 'banking-logs-seed7-3000.csv' })
    expect(body.label_columns).toContain('anomaly_details.is_anomaly')
    expect(body.summary.anomalies).toBeGreaterThan(100)
    expect((await make({ rows: 3000, seed: 7, format: 'csv' })).json<{ sha256: string }>().sha256).toBe(body.sha256)
    expect((await make({ rows: 3000, seed: 8, format: 'csv' })).json<{ sha256: string }>().sha256).not.toBe(body.sha256)

    const dataset = (await t.app.inject({ url: `/datasets/${body.dataset_id}` })).json<{ columns: { name: string; type: string; kind: string }[] }>()
    const kinds = Object.fromEntries(dataset.columns.map((c) => [c.name, c.kind]))
    expect(kinds).toMatchObject({ timestamp: 'temporal', 'metrics.response_time_ms': 'numeric', 'metrics.failed_attempts': 'numeric', source_service: 'string', 'anomaly_details.is_anomaly': 'boolean' })

    const parquet = await make({ rows: 2000, seed: 7, config: { global_anomaly_rate: 0.1 } })
    expect(parquet.json()).toMatchObject({ format: 'parquet', rows: 2000 })
    const train = await t.app.inject({
      method: 'POST',
      url: `/train/${parquet.json<{ dataset_id: string }>().dataset_id}`,
      payload: { contamination: 0.1, feature_columns: ['metrics.response_time_ms', 'metrics.status_code', 'source_service'], label_column: 'anomaly_details.is_anomaly' },
    })
    expect(train.statusCode).toBe(200)
    expect(train.json()).toMatchObject({ label_column: 'anomaly_details.is_anomaly', feature_columns: ['metrics.response_time_ms', 'metrics.status_code', 'source_service'] })
  }, 60_000)

  it('refuses bad requests with 400s that name the field', async () => {
    const rows = await t.app.inject({ method: 'POST', url: '/simulator/datasets', payload: { rows: 0 } })
    expect(rows.statusCode).toBe(400)
    expect(rows.json<{ error: string }>().error).toMatch(/rows/)
    const config = await t.app.inject({ method: 'POST', url: '/simulator/datasets', payload: { config: { anomaly_scenarios: [{ id: 'NEW-1', frequency_weight: 3 }] } } })
    expect(config.statusCode).toBe(400)
    expect(config.json<{ error: string }>().error).toMatch(/adds scenario 'NEW-1', which needs name, severity, pattern/)
    expect((await control({ action: 'pause' })).statusCode).toBe(400)
  })

  it("004's control API: start, status, stream NDJSON and SSE, stop", async () => {
    expect(await status()).toMatchObject({ running: false, logs_generated: 0 })
    const stopped = await t.app.inject({ url: '/simulator/stream?limit=3' })
    expect(stopped.statusCode).toBe(409)
    expect(stopped.json<{ error: string }>().error).toMatch(/start it with POST \/simulator\/control/)

    const started = await control({ action: 'start', config: FAST })
    expect(started.statusCode).toBe(200)
    expect(started.json()).toMatchObject({ status: 'running', logs_per_second: 500 })
    expect((await control({ action: 'start' })).json()).toMatchObject({ message: 'already running' })
    expect((await control({ action: 'start', config: FAST })).statusCode).toBe(409)

    const ndjson = await t.app.inject({ url: '/simulator/stream?limit=5' })
    expect(ndjson.statusCode).toBe(200)
    expect(ndjson.headers['content-type']).toMatch(/^application\/x-ndjson/)
    const lines = ndjson.body.trimEnd().split('\n').map((l) => JSON.parse(l) as { source_service: string; metrics: object })
    expect(lines).toHaveLength(5)
    expect(lines.every((l) => typeof l.source_service === 'string' && Object.keys(l.metrics).length === 22)).toBe(true)

    const sse = await t.app.inject({ url: '/simulator/stream?format=sse&limit=2' })
    expect(sse.headers['content-type']).toMatch(/^text\/event-stream/)
    expect(sse.body.match(/^event: log$/gm)).toHaveLength(2)
    expect(sse.body).toContain('event: end\ndata: {"reason":"limit","rows":2,"dropped":0}')

    await control({ action: 'stop' })
    await control({ action: 'start', config: { ...FAST, global_anomaly_rate: 0.5 } })
    const blind = await t.app.inject({ url: '/simulator/stream?duration_seconds=2&labels=false' })
    expect(blind.body.trimEnd().split('\n').every((l) => (JSON.parse(l) as { anomaly_details: { is_anomaly: boolean } }).anomaly_details.is_anomaly === false)).toBe(true)
    expect((await status()).anomalies_generated).toBeGreaterThan(0)

    expect((await control({ action: 'stop' })).json()).toMatchObject({ status: 'stopped' })
    expect((await control({ action: 'stop' })).json()).toMatchObject({ message: 'already stopped' })
  }, 30_000)

  it('an open stream ends when the simulator stops', async () => {
    await control({ action: 'start', config: FAST })
    const open = t.app.inject({ url: '/simulator/stream?format=sse' })
    await until((s) => s.subscribers === 1)
    await control({ action: 'stop' })
    const res = await open
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('event: end\ndata: {"reason":"stopped"')
    expect((await status()).subscribers).toBe(0)
  })

  it('a client that disconnects is unsubscribed', async () => {
    await control({ action: 'start', config: FAST })
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = t.app.server.address() as AddressInfo
    const firstChunk = await new Promise<string>((resolve, reject) => {
      const req = get(`http://127.0.0.1:${port}/simulator/stream`, (res: IncomingMessage) => {
        res.once('data', (chunk: Buffer) => {
          req.destroy()
          resolve(chunk.toString())
        })
      })
      req.on('error', (err) => (err.message === 'socket hang up' ? undefined : reject(err)))
    })
    expect(firstChunk).toMatch(/^\{"timestamp":/)
    expect(await until((s) => s.subscribers === 0)).toMatchObject({ running: true, subscribers: 0 })
    await control({ action: 'stop' })
  })

  it('documents every simulator route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json<{ paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> }>()
    const ops = Object.entries(doc.paths).filter(([p]) => p.startsWith('/simulator')).flatMap(([, methods]) => Object.values(methods))
    // the banking-log simulator's five and the PX feed's four (POST/GET /simulator/px, GET/DELETE /simulator/px/{id})
    expect(ops).toHaveLength(9)
    expect(ops.every((op) => op.tags?.includes('simulator') && (op.summary ?? '').length > 0)).toBe(true)
  })
})
