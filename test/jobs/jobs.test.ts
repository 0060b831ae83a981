import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, multipart, sampleCsv, type TestApp } from '../helper.js'
import { type JobBody, untilReady, untilStatus } from './poll.js'

/** Training as jobs: 202 and polling, the event stream, listing, errors on both paths. */
describe('jobs', () => {
  let t: TestApp
  let datasetId = ''
  beforeAll(async () => {
    t = await buildTestApp({ TRAIN_CONCURRENCY: '1' })
    const up = await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('data.csv', sampleCsv(300)) })
    datasetId = up.json().dataset_id
  })
  afterAll(async () => t.close())

  it('/health answers at once; /ready once the workers are up', async () => {
    expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200)
    await untilReady(t.app)
    expect((await t.app.inject({ url: '/ready' })).json()).toEqual({ status: 'ready' })
  })

  it('wait=false → 202 with the job → succeeded with a model that predicts', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/train/${datasetId}?wait=false`, payload: { target_column: 'price', model_id: 'async-one', features: false } })
    expect(res.statusCode, res.body).toBe(202)
    const job = res.json<JobBody>()
    expect(job).toMatchObject({ kind: 'train', dataset_id: datasetId, model_id: 'async-one' })
    expect(['queued', 'running']).toContain(job.status)
    expect(job.job_id).toMatch(/^job-/)
    const done = await untilStatus(t.app, job.job_id, 'succeeded', 'failed')
    expect(done).toMatchObject({ status: 'succeeded', progress: 1, stage: 'done', result: { model_id: 'async-one', version: 1 } })
    expect(done.started_at).toBeDefined()
    expect(done.finished_at).toBeDefined()
    const predicted = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: 'async-one', data: { price: 200, volume: 1000, amount: 10000 } } })
    expect(predicted.statusCode, predicted.body).toBe(200)
    expect(predicted.json().prediction.is_anomaly).toBe(true)
  })

  it('the synchronous path answers 200 with the model, as 002, and records a job too', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/train/${datasetId}`, payload: { target_column: 'price', model_id: 'sync-one' } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ model_id: 'sync-one', version: 1, status: 'ready' })
    const jobs = (await t.app.inject({ url: '/jobs?status=succeeded' })).json<{ jobs: JobBody[]; count: number }>()
    expect(jobs.jobs.map((j) => j.model_id)).toEqual(['sync-one', 'async-one'])
    expect(jobs.count).toBe(2)
  })

  it('retrain with wait=false → 202 → a new version', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/models/async-one/retrain/${datasetId}?wait=false`, payload: { contamination: 0.05 } })
    expect(res.statusCode, res.body).toBe(202)
    const done = await untilStatus(t.app, res.json<JobBody>().job_id, 'succeeded', 'failed')
    expect(done).toMatchObject({ kind: 'retrain', status: 'succeeded', result: { model_id: 'async-one', version: 2 } })
  })

  it('events: the current state, progress, then a final succeeded event, and the stream ends', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/train/${datasetId}?wait=false`, payload: { target_column: 'price' } })
    const id = res.json<JobBody>().job_id
    const events = await t.app.inject({ url: `/jobs/${id}/events` })
    expect(events.statusCode).toBe(200)
    expect(events.headers['content-type']).toMatch(/text\/event-stream/)
    const names = [...events.body.matchAll(/^event: (\w+)$/gm)].map((m) => m[1])
    expect(names.at(-1)).toBe('succeeded')
    expect(names.slice(0, -1).every((n) => n === 'progress')).toBe(true)
    const last = events.body.trim().split('\n').at(-1) ?? ''
    expect(JSON.parse(last.replace(/^data: /, ''))).toMatchObject({ job_id: id, status: 'succeeded', progress: 1 })
    // a finished job's stream is its final event alone
    const again = await t.app.inject({ url: `/jobs/${id}/events` })
    expect([...again.body.matchAll(/^event: (\w+)$/gm)].map((m) => m[1])).toEqual(['succeeded'])
  })

  it('user mistakes stay 4xx with their message on the synchronous path', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: `/train/${datasetId}`, payload: { target_column: 'prise' } })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().error).toMatch(/target_column 'prise' is not a column/)
    // found by the worker, reading the data: still the 400 and its details
    const labels = await t.app.inject({ method: 'POST', url: `/train/${datasetId}`, payload: { label_column: 'price' } })
    expect(labels.statusCode).toBe(400)
    expect(labels.json()).toMatchObject({ field: 'label_column', status_code: 400 })
    expect(labels.json().error).toMatch(/label_column 'price' must hold only 0\/1/)
  })

  it('the 202 path refuses what it can check up front, and records what only the data shows', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: `/train/${datasetId}?wait=false`, payload: { target_column: 'prise' } })
    expect(unknown.statusCode).toBe(400)
    expect((await t.app.inject({ method: 'POST', url: '/train/nope?wait=false', payload: {} })).statusCode).toBe(404)
    const res = await t.app.inject({ method: 'POST', url: `/train/${datasetId}?wait=false`, payload: { label_column: 'price', model_id: 'bad-labels' } })
    expect(res.statusCode).toBe(202)
    const failed = await untilStatus(t.app, res.json<JobBody>().job_id, 'succeeded', 'failed')
    expect(failed).toMatchObject({ status: 'failed', stage: 'failed', error: { status_code: 400 } })
    expect(failed.error?.message).toMatch(/label_column 'price' must hold only 0\/1/)
    expect(failed.result).toBeUndefined()
    // the claimed model id was given back
    expect((await t.app.inject({ url: '/models/bad-labels' })).statusCode).toBe(404)
  })

  it('unknown job → 404; cancelling a finished job → 409; a bad status filter → 400', async () => {
    expect((await t.app.inject({ url: '/jobs/job-nope' })).statusCode).toBe(404)
    expect((await t.app.inject({ url: '/jobs/job-nope/events' })).statusCode).toBe(404)
    const finished = (await t.app.inject({ url: '/jobs?status=succeeded' })).json<{ jobs: JobBody[] }>().jobs[0] as JobBody
    const res = await t.app.inject({ method: 'DELETE', url: `/jobs/${finished.job_id}` })
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toMatch(/already succeeded/)
    expect((await t.app.inject({ url: '/jobs?status=done' })).statusCode).toBe(400)
  })

  it('a batch of 5,000 rows is scored by a worker, with the same answers as the event loop', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ price: 100 + (i % 7 === 0 ? 90 : i % 5), volume: 1000 + (i % 13), amount: 10000 + (i % 11) }))
    const big = await t.app.inject({ method: 'POST', url: '/predict-batch', payload: { model_id: 'sync-one', data: rows, explanation_detail: 'full' } })
    expect(big.statusCode, big.body).toBe(200)
    const small = await t.app.inject({ method: 'POST', url: '/predict-batch', payload: { model_id: 'sync-one', data: rows.slice(0, 20) } })
    expect(big.json().predictions.total).toBe(5000)
    expect(big.json().predictions.results.slice(0, 20)).toEqual(small.json().predictions.results)
    const bad = await t.app.inject({ method: 'POST', url: '/predict-batch', payload: { model_id: 'sync-one', data: rows.map((r, i) => (i === 4321 ? { ...r, price: 'high' } : r)) } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatch(/data\[4321\]\.price/)
  })

  it('lists jobs newest first', async () => {
    const { jobs } = (await t.app.inject({ url: '/jobs' })).json<{ jobs: JobBody[] }>()
    const created = jobs.map((j) => j.created_at)
    expect([...created].sort().reverse()).toEqual(created)
  })
})
