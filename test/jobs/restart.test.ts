import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp, multipart, sampleCsv } from '../helper.js'

/** A process that dies mid-job leaves its job file queued or running; the next start records why it never finished. */
describe('jobs across a restart', () => {
  let storage = ''
  afterAll(async () => rm(storage, { recursive: true, force: true }))

  it('marks jobs left queued or running as failed, "interrupted by restart", and keeps finished ones', async () => {
    storage = await mkdtemp(path.join(tmpdir(), 'vigil-restart-'))
    const jobs = path.join(storage, 'jobs')
    await mkdir(jobs, { recursive: true })
    const base = { kind: 'train', progress: 0.4, dataset_id: 'ds-1', model_id: 'm-1' }
    const left = [
      { ...base, job_id: 'job-running', status: 'running', stage: 'fitting model', created_at: '2024-01-01T00:00:01.000Z', started_at: '2024-01-01T00:00:02.000Z' },
      { ...base, job_id: 'job-queued', status: 'queued', stage: 'queued', progress: 0, created_at: '2024-01-01T00:00:03.000Z' },
      { ...base, job_id: 'job-failed', status: 'failed', stage: 'failed', created_at: '2024-01-01T00:00:00.000Z', finished_at: '2024-01-01T00:00:00.500Z', error: { message: 'no', status_code: 400 } },
    ]
    for (const job of left) await writeFile(path.join(jobs, `${job.job_id}.json`), JSON.stringify(job))
    await writeFile(path.join(jobs, '.tmp-half-written'), '{"job_id": "jo')

    const t = await buildTestApp({ TRAIN_CONCURRENCY: '1' }, storage)
    try {
      for (const id of ['job-running', 'job-queued']) {
        const res = await t.app.inject({ url: `/jobs/${id}` })
        expect(res.statusCode).toBe(200)
        expect(res.json()).toMatchObject({ job_id: id, status: 'failed', error: { message: 'interrupted by restart', status_code: 500 } })
        expect(res.json().finished_at).toBeDefined()
        const onDisk = JSON.parse(await readFile(path.join(jobs, `${id}.json`), 'utf8'))
        expect(onDisk).toMatchObject({ status: 'failed', error: { message: 'interrupted by restart' } })
      }
      expect((await t.app.inject({ url: '/jobs/job-failed' })).json()).toMatchObject({ status: 'failed', error: { message: 'no', status_code: 400 } })
      const list = (await t.app.inject({ url: '/jobs' })).json()
      expect(list.jobs.map((j: { job_id: string }) => j.job_id)).toEqual(['job-queued', 'job-running', 'job-failed'])
      expect((await t.app.inject({ url: '/jobs?status=running' })).json().count).toBe(0)
    } finally {
      await t.close()
    }
  })

  it('marks a job left running as succeeded when its version was stored before the crash', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vigil-restart-committed-'))
    try {
      const first = await buildTestApp({}, dir)
      let jobId = ''
      try {
        const dataset = (await first.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('d.csv', sampleCsv(200)) })).json().dataset_id
        const trained = await first.app.inject({ method: 'POST', url: `/train/${dataset}`, payload: { model_id: 'crashy' } })
        expect(trained.statusCode, trained.body).toBe(200)
        jobId = trained.json().job_id
        expect(jobId).toMatch(/^job/)
      } finally {
        await first.close()
      }
      // what a kill between the version's rename and the job file's rewrite leaves on disk
      const file = path.join(dir, 'jobs', `${jobId}.json`)
      const done = JSON.parse(await readFile(file, 'utf8'))
      await writeFile(file, JSON.stringify({ ...done, status: 'running', stage: 'saving', progress: 0.95, finished_at: undefined, result: undefined }))

      const second = await buildTestApp({}, dir)
      try {
        const job = (await second.app.inject({ url: `/jobs/${jobId}` })).json()
        expect(job).toMatchObject({ job_id: jobId, status: 'succeeded', progress: 1, result: { model_id: 'crashy', version: 1, job_id: jobId } })
        expect(job.error).toBeUndefined()
      } finally {
        await second.close()
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
