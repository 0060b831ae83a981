import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, multipart, sampleCsv, type TestApp } from '../helper.js'
import { type JobBody, untilReady, untilStatus } from './poll.js'

/**
 * One worker, one waiting place, and a training that runs until cancelled
 * (5,000 trees scored over 60,000 rows): cancelling, a full queue, shutdown.
 */
describe('cancel, queue limit, shutdown', () => {
  let t: TestApp
  let datasetId = ''
  const slow = { target_column: 'price', params: { n_estimators: 5000 } }
  const start = async (body: object = slow): Promise<JobBody> => {
    const res = await t.app.inject({ method: 'POST', url: `/train/${datasetId}?wait=false`, payload: body })
    expect(res.statusCode, res.body).toBe(202)
    return res.json<JobBody>()
  }
  beforeAll(async () => {
    t = await buildTestApp({ TRAIN_CONCURRENCY: '1', JOB_QUEUE_LIMIT: '1' })
    const up = await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('big.csv', sampleCsv(60_000)) })
    datasetId = up.json().dataset_id
    await untilReady(t.app)
  })
  afterAll(async () => t.close())

  it('cancels a running job: the worker is replaced, no version is stored, the model id is free', async () => {
    const job = await start({ ...slow, model_id: 'never' })
    await untilStatus(t.app, job.job_id, 'running')
    const res = await t.app.inject({ method: 'DELETE', url: `/jobs/${job.job_id}` })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ status: 'cancelled', stage: 'cancelled', error: { status_code: 409 } })
    expect((await t.app.inject({ url: '/models/never' })).statusCode).toBe(404)
    expect(await readdir(path.join(t.storage, 'models'))).not.toContain('never')
    // the replacement worker trains the next job
    await untilReady(t.app)
    const quick = await start({ target_column: 'price', model_id: 'after-cancel', params: { n_estimators: 10, max_samples: 64 } })
    expect(await untilStatus(t.app, quick.job_id, 'succeeded', 'failed')).toMatchObject({ status: 'succeeded', result: { model_id: 'after-cancel' } })
  })

  it('a full queue answers 429 with Retry-After, on both paths; a queued job cancels out of the queue', async () => {
    const running = await start()
    await untilStatus(t.app, running.job_id, 'running')
    const waiting = await start()
    expect(waiting.status).toBe('queued')
    for (const url of [`/train/${datasetId}?wait=false`, `/train/${datasetId}`]) {
      const full = await t.app.inject({ method: 'POST', url, payload: slow })
      expect(full.statusCode, full.body).toBe(429)
      expect(Number(full.headers['retry-after'])).toBeGreaterThanOrEqual(1)
      expect(full.json().error).toMatch(/job queue is full: 1 jobs are waiting \(JOB_QUEUE_LIMIT is 1\)/)
      expect(full.json()).toMatchObject({ status_code: 429, limit: 1 })
    }
    const cancelled = await t.app.inject({ method: 'DELETE', url: `/jobs/${waiting.job_id}` })
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' })
    expect(cancelled.json().started_at).toBeUndefined()
    expect((await t.app.inject({ method: 'DELETE', url: `/jobs/${running.job_id}` })).json()).toMatchObject({ status: 'cancelled' })
  })

  it('a synchronous request whose job is cancelled gets the cancellation as its answer', async () => {
    await untilReady(t.app)
    const pending = t.app.inject({ method: 'POST', url: `/train/${datasetId}`, payload: slow })
    const { jobs } = await untilJobs(t, 'running')
    await t.app.inject({ method: 'DELETE', url: `/jobs/${(jobs[0] as JobBody).job_id}` })
    const res = await pending
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toMatch(/was cancelled by DELETE \/jobs\//)
  })

  it('shutdown: /ready turns 503, running and queued jobs are cancelled, new ones refused with 503', async () => {
    await untilReady(t.app)
    const running = await start()
    await untilStatus(t.app, running.job_id, 'running')
    const waiting = await start()
    await t.app.vigil.drain(0)
    for (const id of [running.job_id, waiting.job_id]) {
      expect((await t.app.inject({ url: `/jobs/${id}` })).json()).toMatchObject({ status: 'cancelled', error: { message: 'server shutting down', status_code: 503 } })
    }
    const ready = await t.app.inject({ url: '/ready' })
    expect(ready.statusCode).toBe(503)
    expect(ready.json().error).toMatch(/shutting down/)
    expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'POST', url: `/train/${datasetId}`, payload: slow })).statusCode).toBe(503)
  })
})

async function untilJobs(t: TestApp, status: string): Promise<{ jobs: JobBody[] }> {
  for (;;) {
    const body = (await t.app.inject({ url: `/jobs?status=${status}` })).json<{ jobs: JobBody[] }>()
    if (body.jobs.length > 0) return body
    await new Promise((r) => setTimeout(r, 25))
  }
}
