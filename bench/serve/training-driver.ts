/**
 * Keeps the server training for as long as the measurement runs: with the
 * jobs API (`POST /train?wait=false` answers 202) two jobs are kept submitted
 * (one running, one waiting, so a new one starts the moment the last ends);
 * without it, one synchronous `POST /train` after another. Every training's
 * running interval is recorded, to show that training overlapped the whole
 * measurement window.
 */
import { answered, requestJson } from '../../test/crash/http-client.js'
import { getJob, parseJob, TERMINAL, type JobView } from '../../test/crash/jobs-api.js'

export interface TrainingRun {
  readonly via: 'job' | 'request'
  readonly jobId?: string
  /** Epoch ms the training started (the job's started_at, or when the request was sent). */
  startedAt?: number
  finishedAt?: number
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled'
  error?: string
}

export interface TrainingDriver {
  readonly mode: 'jobs' | 'synchronous'
  readonly runs: readonly TrainingRun[]
  /** Resolves once a training is running. */
  running(): Promise<void>
  /** Submit no more; resolves when every submitted training has ended (or `waitMs` passed). */
  stop(waitMs: number): Promise<void>
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const epoch = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : Date.parse(iso))

export interface TrainingRequest {
  readonly baseUrl: string
  readonly datasetId: string
  readonly body: Readonly<Record<string, unknown>>
}

/** Start training continuously. `jobs` says whether `?wait=false` answers 202 (see probeJobs). */
export function startTraining(request: TrainingRequest, jobs: boolean): TrainingDriver {
  const runs: TrainingRun[] = []
  let stopping = false
  const route = `/train/${request.datasetId}${jobs ? '?wait=false' : ''}`

  const jobLoop = async (): Promise<void> => {
    const open: TrainingRun[] = []
    while (!stopping || open.length > 0) {
      while (!stopping && open.length < 2) {
        const outcome = await requestJson(request.baseUrl, 'POST', route, request.body)
        const job = answered(outcome) && outcome.status === 202 ? parseJob(outcome.body) : undefined
        if (job === undefined) {
          runs.push({ via: 'job', status: 'failed', error: answered(outcome) ? `${outcome.status} ${JSON.stringify(outcome.body).slice(0, 200)}` : outcome.error })
          await sleep(500)
          continue
        }
        const run: TrainingRun = { via: 'job', jobId: job.job_id, status: 'pending' }
        runs.push(run)
        open.push(run)
      }
      await sleep(200)
      for (const run of [...open]) {
        const job: JobView | undefined = await getJob(request.baseUrl, run.jobId as string)
        if (job === undefined) continue
        run.startedAt = epoch(job.started_at) ?? run.startedAt
        if (job.status === 'running') run.status = 'running'
        if (TERMINAL.includes(job.status)) {
          run.status = job.status === 'succeeded' ? 'succeeded' : job.status === 'failed' ? 'failed' : 'cancelled'
          run.finishedAt = epoch(job.finished_at) ?? Date.now()
          if (job.error?.message !== undefined) run.error = job.error.message
          open.splice(open.indexOf(run), 1)
        }
      }
    }
  }

  const requestLoop = async (): Promise<void> => {
    while (!stopping) {
      const run: TrainingRun = { via: 'request', startedAt: Date.now(), status: 'running' }
      runs.push(run)
      const outcome = await requestJson(request.baseUrl, 'POST', route, request.body, 600_000)
      run.finishedAt = Date.now()
      run.status = answered(outcome) && outcome.status === 200 ? 'succeeded' : 'failed'
      if (run.status === 'failed') run.error = answered(outcome) ? `${outcome.status} ${JSON.stringify(outcome.body).slice(0, 200)}` : outcome.error
    }
  }

  const loop = (jobs ? jobLoop() : requestLoop()).catch((err: unknown) => {
    runs.push({ via: jobs ? 'job' : 'request', status: 'failed', error: err instanceof Error ? err.message : String(err) })
  })

  return {
    mode: jobs ? 'jobs' : 'synchronous',
    runs,
    async running() {
      for (;;) {
        if (runs.some((r) => r.status === 'running' && r.startedAt !== undefined)) return
        const failed = runs.find((r) => r.status === 'failed')
        if (failed !== undefined) throw new Error(`training failed before the measurement: ${failed.error ?? 'unknown error'}`)
        await sleep(50)
      }
    },
    async stop(waitMs) {
      stopping = true
      // the deadline's timer must not outlive the loop: it would keep the bench process alive for waitMs
      let deadline: NodeJS.Timeout | undefined
      await Promise.race([loop, new Promise<void>((resolve) => (deadline = setTimeout(resolve, waitMs)))])
      clearTimeout(deadline)
    },
  }
}

/** Share of [from, to] during which at least one training was running. */
export function trainingCoverage(runs: readonly TrainingRun[], from: number, to: number): number {
  const spans = runs
    .filter((r) => r.startedAt !== undefined)
    .map((r) => [Math.max(from, r.startedAt as number), Math.min(to, r.finishedAt ?? Date.now())] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0])
  let covered = 0
  let end = from
  for (const [a, b] of spans) {
    const start = Math.max(a, end)
    if (b > start) covered += b - start
    end = Math.max(end, b)
  }
  return to > from ? covered / (to - from) : 0
}

/** Trainings whose running interval overlapped [from, to]. */
export function overlapping(runs: readonly TrainingRun[], from: number, to: number): TrainingRun[] {
  return runs.filter((r) => r.startedAt !== undefined && r.startedAt < to && (r.finishedAt ?? Number.POSITIVE_INFINITY) > from)
}
