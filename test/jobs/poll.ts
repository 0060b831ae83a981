import type { FastifyInstance } from 'fastify'

/** Ask again until `done` holds; the test's own timeout bounds the wait (no timing thresholds here). */
export async function poll<T>(ask: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await ask()
    if (done(value)) return value
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** Wait for /ready: the worker threads are up. */
export async function untilReady(app: FastifyInstance): Promise<void> {
  await poll(() => app.inject({ url: '/ready' }), (r) => r.statusCode === 200)
}

export interface JobBody {
  job_id: string
  kind: string
  status: string
  progress: number
  stage: string
  dataset_id: string
  model_id?: string
  created_at: string
  started_at?: string
  finished_at?: string
  error?: { message: string; status_code: number }
  result?: { model_id: string; version: number }
}

/** GET /jobs/{id} until the job has one of `statuses`. */
export async function untilStatus(app: FastifyInstance, jobId: string, ...statuses: string[]): Promise<JobBody> {
  const res = await poll(() => app.inject({ url: `/jobs/${jobId}` }), (r) => statuses.includes(r.json<JobBody>().status))
  return res.json<JobBody>()
}
