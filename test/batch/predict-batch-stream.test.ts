import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, multipart, sampleCsv, storageSnapshot, type TestApp } from '../helper.js'

interface Deviation {
  readonly contribution: number
  readonly deviation_level: string
}
interface ResultRow {
  readonly index: number
  readonly is_anomaly: boolean
  readonly explanation?: string
  readonly feature_deviations?: Record<string, Deviation>
}
interface BatchAnswer {
  readonly model_id: string
  readonly version: number
  readonly predictions: { readonly total: number; readonly anomaly_count: number; readonly explanation_detail?: string; readonly results: ResultRow[] }
  readonly model_info: Record<string, unknown>
}

const rows = Array.from({ length: 40 }, (_, i) => ({ price: 100 + (i % 9 === 4 ? 90 : i % 5), volume: 1000 + (i % 13) * 7, amount: 10000 + (i % 11) * 40 }))
const NDJSON = { accept: 'application/x-ndjson' }

/**
 * /predict-batch streamed (a worker writes the answer chunk by chunk) against
 * the same batch answered whole: `whole` runs with the default threshold
 * (5,000 rows), `streamed` on the same storage with BATCH_STREAM_ROWS=10, so
 * the 40-row batch takes the large-batch path there.
 */
describe('/predict-batch streaming', () => {
  let storage = ''
  let whole: TestApp
  let streamed: TestApp
  beforeAll(async () => {
    storage = await mkdtemp(path.join(tmpdir(), 'vigil-batch-'))
    const trainer = await buildTestApp({ TRAIN_CONCURRENCY: '1' }, storage)
    const up = await trainer.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('data.csv', sampleCsv(300)) })
    const trained = await trainer.app.inject({ method: 'POST', url: `/train/${up.json().dataset_id as string}`, payload: { model_id: 'stream-me', feature_columns: ['price', 'volume', 'amount'] } })
    expect(trained.statusCode, trained.body).toBe(200)
    await trainer.close()
    whole = await buildTestApp({ TRAIN_CONCURRENCY: '1' }, storage)
    streamed = await buildTestApp({ TRAIN_CONCURRENCY: '1', BATCH_STREAM_ROWS: '10' }, storage)
  }, 180_000)
  afterAll(async () => {
    await whole?.close()
    await streamed?.close()
    await rm(storage, { recursive: true, force: true })
  })

  const post = (t: TestApp, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/predict-batch', payload: { model_id: 'stream-me', data: rows, ...payload }, headers })

  it('the streamed JSON answer equals the whole one, in both explanation details', async () => {
    for (const detail of ['full', 'compact']) {
      const a = await post(whole, { explanation_detail: detail })
      const b = await post(streamed, { explanation_detail: detail })
      expect(a.statusCode, a.body).toBe(200)
      expect(b.statusCode, b.body).toBe(200)
      expect(b.headers['content-type']).toMatch(/^application\/json/)
      const body = b.json<BatchAnswer>()
      expect(body).toEqual(a.json())
      expect(body.predictions).toMatchObject({ total: 40, explanation_detail: detail })
      expect(body.predictions.anomaly_count).toBeGreaterThan(0)
    }
    const quiet = await post(streamed, { explain: false })
    expect(quiet.json()).toEqual((await post(whole, { explain: false })).json())
    expect(quiet.json<BatchAnswer>().predictions.explanation_detail).toBeUndefined()
  })

  it('NDJSON: one line per row, then the summary line; the same from the event loop and from a worker', async () => {
    const reference = (await post(whole, {})).json<BatchAnswer>()
    for (const t of [whole, streamed]) {
      const res = await post(t, { explanation_detail: 'full' }, NDJSON)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/)
      expect(res.body.endsWith('\n')).toBe(true)
      const lines = res.body.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(lines).toHaveLength(rows.length + 1)
      expect(lines.slice(0, -1)).toEqual(reference.predictions.results)
      const summary: Record<string, unknown> = { ...reference.predictions }
      delete summary.results
      expect(lines.at(-1)).toEqual({ summary: { model_id: 'stream-me', version: 1, predictions: summary, model_info: reference.model_info } })
    }
  })

  it('large batches explain compactly by default (top 3 drivers); full detail on request', async () => {
    const small = (await post(whole, {})).json<BatchAnswer>()
    const large = (await post(streamed, {})).json<BatchAnswer>()
    expect(small.predictions.explanation_detail).toBe('full')
    expect(large.predictions.explanation_detail).toBe('compact')
    for (const [i, full] of small.predictions.results.entries()) {
      const compact = large.predictions.results[i] as ResultRow
      expect(compact.explanation).toBe(full.explanation)
      const all = Object.entries(full.feature_deviations ?? {})
      const kept = Object.entries(compact.feature_deviations ?? {})
      expect(kept.length).toBe(Math.min(3, all.length))
      // the kept features are the strongest drivers, unchanged
      const weakestKept = Math.min(...kept.map(([, d]) => Math.abs(d.contribution)))
      for (const [name, d] of kept) expect(full.feature_deviations?.[name]).toEqual(d)
      for (const [name, d] of all) if (!(name in (compact.feature_deviations ?? {}))) expect(Math.abs(d.contribution)).toBeLessThanOrEqual(weakestKept)
    }
    const wholeCompact = (await post(whole, { explanation_detail: 'compact' })).json<BatchAnswer>()
    expect(wholeCompact.predictions.results).toEqual(large.predictions.results)
  })

  it('a bad row is a 400 before anything is streamed, in either format, and writes nothing', async () => {
    const before = await storageSnapshot(storage)
    const bad = rows.map((r, i) => (i === 25 ? { ...r, price: 'high' } : r))
    for (const headers of [{}, NDJSON]) {
      const res = await post(streamed, { data: bad }, headers)
      expect(res.statusCode, res.body).toBe(400)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(res.json().error).toMatch(/data\[25\]\.price/)
    }
    const detail = await post(streamed, { explanation_detail: 'short' })
    expect(detail.statusCode).toBe(400)
    expect(detail.json().error).toMatch(/explanation_detail/)
    const unknown = await post(streamed, { model_id: 'nobody' }, NDJSON)
    expect(unknown.statusCode).toBe(404)
    expect(await storageSnapshot(storage)).toEqual(before)
  })

  it('OpenAPI documents both formats of the answer and the explanation_detail option', async () => {
    const doc = (await whole.app.inject({ url: '/docs/json' })).json()
    const op = doc.paths['/predict-batch'].post
    expect(Object.keys(op.responses['200'].content)).toEqual(['application/json', 'application/x-ndjson'])
    // the request body is the named component BatchRequest
    expect(op.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/BatchRequest' })
    expect(doc.components.schemas.BatchRequest.properties.explanation_detail).toBeDefined()
  })
})
