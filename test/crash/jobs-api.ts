/**
 * The training-jobs API as this test expects it (issue 6):
 * `GET /jobs`, `GET /jobs/{job_id}`, `POST /train/{id}?wait=false` → 202 with a job.
 * Until it exists (`GET /jobs` is 404) the job assertions are skipped.
 */
import { answered, requestJson } from './http-client.js'

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'

export interface JobView {
  readonly job_id: string
  readonly status: JobStatus
  readonly kind?: string
  readonly model_id?: string
  readonly error?: { readonly message?: string }
  readonly started_at?: string
  readonly finished_at?: string
}

export const TERMINAL: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled']
const STATUSES: readonly string[] = ['queued', 'running', ...TERMINAL]
export const INTERRUPTED = 'interrupted by restart'

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

export function parseJob(value: unknown): JobView | undefined {
  if (!isRecord(value) || typeof value['job_id'] !== 'string' || typeof value['status'] !== 'string' || !STATUSES.includes(value['status'])) {
    return undefined
  }
  const error = value['error']
  return {
    job_id: value['job_id'],
    status: value['status'] as JobStatus,
    ...(typeof value['kind'] === 'string' ? { kind: value['kind'] } : {}),
    ...(typeof value['model_id'] === 'string' ? { model_id: value['model_id'] } : {}),
    ...(isRecord(error) ? { error: { ...(typeof error['message'] === 'string' ? { message: error['message'] } : {}) } } : {}),
    ...(typeof value['started_at'] === 'string' ? { started_at: value['started_at'] } : {}),
    ...(typeof value['finished_at'] === 'string' ? { finished_at: value['finished_at'] } : {}),
  }
}

/** `GET /jobs` answers an array of jobs or `{ jobs: [...] }`. */
function parseJobList(body: unknown): JobView[] | undefined {
  const list = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body['jobs']) ? (body['jobs'] as unknown[]) : undefined
  if (list === undefined) return undefined
  const jobs = list.map(parseJob)
  return jobs.every((j) => j !== undefined) ? (jobs as JobView[]) : undefined
}

export type JobsProbe = { readonly available: true; readonly jobs: JobView[] } | { readonly available: false; readonly reason: string }

export async function listJobs(baseUrl: string): Promise<JobsProbe> {
  const outcome = await requestJson(baseUrl, 'GET', '/jobs')
  if (!answered(outcome)) return { available: false, reason: `GET /jobs: ${outcome.error}` }
  if (outcome.status === 404) return { available: false, reason: 'GET /jobs answers 404: the jobs API has not landed yet' }
  if (outcome.status !== 200) return { available: false, reason: `GET /jobs answers ${outcome.status}` }
  const jobs = parseJobList(outcome.body)
  if (jobs === undefined) throw new Error(`GET /jobs: unrecognised answer ${JSON.stringify(outcome.body).slice(0, 300)}`)
  return { available: true, jobs }
}

/** One job by id (GET /jobs/{id}), or undefined when the server does not know it. */
export async function getJob(baseUrl: string, jobId: string): Promise<JobView | undefined> {
  const outcome = await requestJson(baseUrl, 'GET', `/jobs/${encodeURIComponent(jobId)}`)
  return answered(outcome) && outcome.status === 200 ? parseJob(outcome.body) : undefined
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Poll a job until it is finished (succeeded, failed or cancelled). */
export async function waitForJob(baseUrl: string, jobId: string, timeoutMs = 120_000): Promise<JobView> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const job = await getJob(baseUrl, jobId)
    if (job !== undefined && TERMINAL.includes(job.status)) return job
    if (performance.now() > deadline) throw new Error(`job ${jobId} not finished after ${timeoutMs} ms (last: ${JSON.stringify(job)})`)
    await sleep(50)
  }
}

export interface JobCheck {
  readonly problems: string[]
  readonly notes: string[]
}

/**
 * After a kill and a restart: nothing is queued or running; a job finished
 * before the kill is unchanged; any other job either succeeded before the kill
 * or failed with "interrupted by restart"; jobs we submitted are all known.
 * `modelExists` says whether a model (and version) is on disk, to cross-check.
 */
export function checkJobsAfterRestart(
  before: readonly JobView[],
  after: readonly JobView[],
  submitted: readonly string[],
  modelExists: (modelId: string) => boolean,
): JobCheck {
  const problems: string[] = []
  const notes: string[] = []
  const earlier = new Map(before.map((j) => [j.job_id, j]))
  const now = new Map(after.map((j) => [j.job_id, j]))
  for (const id of submitted) if (!now.has(id)) problems.push(`job ${id} (submitted before the kill) is unknown after the restart`)
  for (const job of after) {
    const was = earlier.get(job.job_id)
    const label = `job ${job.job_id}${job.model_id === undefined ? '' : ` (${job.model_id})`}`
    if (job.status === 'queued' || job.status === 'running') {
      problems.push(`${label} is still '${job.status}' after the restart; expected 'failed' with '${INTERRUPTED}'`)
      continue
    }
    if (was !== undefined && TERMINAL.includes(was.status)) {
      if (was.status !== job.status) problems.push(`${label} was '${was.status}' before the kill and is '${job.status}' after`)
      continue
    }
    // running or queued (or not yet created) when the process died
    if (job.status === 'failed') {
      const message = job.error?.message ?? ''
      if (!message.includes(INTERRUPTED)) problems.push(`${label} failed with ${JSON.stringify(message)}; expected it to contain '${INTERRUPTED}'`)
      else if (job.model_id !== undefined && modelExists(job.model_id)) notes.push(`${label}: interrupted, yet its version was committed just before the kill`)
    } else if (job.status === 'succeeded') {
      if (job.model_id !== undefined && !modelExists(job.model_id)) problems.push(`${label} succeeded but model '${job.model_id}' is not in storage`)
    } else {
      notes.push(`${label} is '${job.status}'`)
    }
  }
  return { problems, notes }
}
