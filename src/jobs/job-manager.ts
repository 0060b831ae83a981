import { VigilError, ConflictError, NotFoundError } from '../errors.js'
import { estimateRemaining } from './estimate-remaining.js'
import type { Job, JobKind, JobStatus } from './job.js'
import { newId } from '../store/ids.js'
import { JobCancelledError, QueueFullError, SHUTTING_DOWN, UnavailableError } from './job-errors.js'
import type { JobStore } from './job-store.js'

export type JobResult = NonNullable<Job['result']>

/** What a job's work can tell the manager while it runs. */
export interface JobContext {
  /** The job's id, recorded in what it stores so a restart can tell whether it finished. */
  readonly jobId: string
  /** Aborted when the job is cancelled (by a request, or at shutdown). */
  readonly signal: AbortSignal
  /** A worker took the job: it is running. */
  started(): void
  progress(stage: string, progress: number): void
  /** The result is being stored: from here the job can no longer be cancelled. */
  committing(): void
}

export interface JobSpec {
  readonly kind: JobKind
  readonly dataset_id: string
  readonly model_id?: string | undefined
  run(ctx: JobContext): Promise<JobResult>
  /** After a failure or a cancellation, give back what the job took (a claimed model id, a combined dataset). */
  undo?(): Promise<void>
}

export interface Submitted {
  readonly job: Job
  /** Settles with the job: its result, or the error that failed or cancelled it. */
  readonly done: Promise<JobResult>
  /** The job file is on disk (answer 202 only after it, so an acknowledged job survives a crash). */
  readonly saved: Promise<void>
}

/** Where the manager reports what it cannot hand to a caller. Pino's logger fits. */
export interface JobLog {
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface JobManager {
  /** Queue a job; 429 when `queueLimit` jobs already wait, 503 while shutting down. */
  submit(spec: JobSpec): Submitted
  /** Throws the 429 or 503 `submit` would, so a caller can refuse before doing preparatory work. */
  assertAccepting(): void
  get(id: string): Job
  /** Newest first. */
  list(status?: JobStatus): Job[]
  /** Cancel a queued or running job and return it once cancelled; 409 when it already finished or is saving. */
  cancel(id: string): Promise<Job>
  /** Call `listener` with the job now and after every change, until it finishes. Returns an unsubscribe function. */
  watch(id: string, listener: (job: Job) => void): () => void
  readonly accepting: boolean
  /** Stop accepting; cancel waiting jobs; let running ones finish within `graceMs`, then cancel them. */
  drain(graceMs: number): Promise<void>
}

export interface JobManagerOptions {
  readonly store: JobStore
  /** Jobs kept from earlier runs (`store.load()`), oldest first. */
  readonly history: readonly Job[]
  readonly queueLimit: number
  /** Jobs that run at once (the pool size): used to estimate Retry-After. */
  readonly concurrency: number
  readonly log: JobLog
}

interface Entry {
  job: Job
  readonly controller: AbortController
  committing: boolean
  readonly settled: Promise<void>
  /** Serialises this job's file writes, so the last status written is the last one set. */
  writes: Promise<void>
}

/** Jobs kept in memory and on disk; the oldest finished ones are forgotten beyond this. */
export const MAX_JOB_HISTORY = 1000
/** Retry-After when no job has finished yet to measure by, and its bounds. */
const DEFAULT_RETRY_SECONDS = 10
const MAX_RETRY_SECONDS = 3600
const DURATION_SAMPLES = 20

const FINAL: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'cancelled'])
export const isFinal = (status: JobStatus): boolean => FINAL.has(status)

/** The job queue's bookkeeping: statuses, progress, persistence, listeners, cancellation and shutdown. Framework-free. */
export function createJobManager(options: JobManagerOptions): JobManager {
  const entries = new Map<string, Entry>()
  const finished = new Map<string, Job>(options.history.map((j) => [j.job_id, j]))
  const watchers = new Map<string, Set<(job: Job) => void>>()
  const durations: number[] = []
  const flushing = new Set<Promise<void>>()
  let accepting = true

  const find = (id: string): Job => {
    const job = entries.get(id)?.job ?? finished.get(id)
    if (!job) throw new NotFoundError(`job '${id}' not found`, { field: 'job_id', value: id })
    return job
  }
  const queued = (): number => [...entries.values()].filter((e) => e.job.status === 'queued').length

  function persist(entry: Entry): void {
    const snapshot = entry.job
    const write = entry.writes
      .then(() => options.store.save(snapshot))
      .catch((err: unknown) => options.log.error({ err, job_id: snapshot.job_id }, 'could not write the job file'))
    entry.writes = write
    flushing.add(write)
    void write.then(() => flushing.delete(write))
  }

  function update(entry: Entry, change: Partial<Job>, save: boolean): void {
    entry.job = { ...entry.job, ...change }
    if (save) persist(entry)
    for (const listener of watchers.get(entry.job.job_id) ?? []) listener(entry.job)
  }

  function forget(): void {
    const all = [...finished.values()]
    const excess = all.length + entries.size - MAX_JOB_HISTORY
    // `finished` keeps creation order: the first entries are the oldest
    for (const job of all.slice(0, Math.max(0, excess))) {
      finished.delete(job.job_id)
      options.store.remove(job.job_id).catch((err: unknown) => options.log.warn({ err, job_id: job.job_id }, 'could not remove an old job file'))
    }
  }

  function retryAfter(): number {
    if (durations.length === 0) return DEFAULT_RETRY_SECONDS
    const mean = durations.reduce((a, b) => a + b, 0) / durations.length
    const ahead = entries.size + 1
    return Math.min(MAX_RETRY_SECONDS, Math.max(1, Math.ceil((mean / 1000) * (ahead / options.concurrency))))
  }

  function assertAccepting(): void {
    if (!accepting) throw new UnavailableError(`${SHUTTING_DOWN}: no new jobs are accepted`)
    const waiting = queued()
    if (waiting >= options.queueLimit) {
      const seconds = retryAfter()
      throw new QueueFullError(
        `the job queue is full: ${waiting} jobs are waiting (JOB_QUEUE_LIMIT is ${options.queueLimit}); retry in about ${seconds} s`,
        { field: 'queue', value: waiting, limit: options.queueLimit, retry_after: seconds },
      )
    }
  }

  function errorOf(job: Job, err: unknown): NonNullable<Job['error']> {
    if (err instanceof VigilError) return { message: err.message, status_code: err.statusCode }
    options.log.error({ err, job_id: job.job_id }, 'job failed')
    return { message: `internal error; the server log has the details under job_id ${job.job_id}`, status_code: 500 }
  }

  async function execute(entry: Entry, spec: JobSpec): Promise<JobResult> {
    const ctx: JobContext = {
      jobId: entry.job.job_id,
      signal: entry.controller.signal,
      started: () => update(entry, { status: 'running', stage: 'starting', started_at: new Date().toISOString() }, true),
      progress: (stage, progress) => {
        const done = Math.max(entry.job.progress, Math.min(1, progress))
        update(entry, { stage, progress: done, eta_seconds: estimateRemaining(entry.job.started_at, done) }, stage !== entry.job.stage)
      },
      committing: () => {
        entry.committing = true
      },
    }
    try {
      const result = await spec.run(ctx)
      const finishedAt = new Date()
      if (entry.job.started_at) recordDuration(finishedAt.getTime() - Date.parse(entry.job.started_at))
      finish(entry, { status: 'succeeded', stage: 'done', progress: 1, eta_seconds: null, finished_at: finishedAt.toISOString(), result })
      // whoever waits sees the job file already final
      await entry.writes
      return result
    } catch (err) {
      const cancelled = entry.controller.signal.aborted
      const cause = cancelled ? (entry.controller.signal.reason as unknown) : err
      if (spec.undo) await spec.undo().catch((e: unknown) => options.log.warn({ err: e, job_id: entry.job.job_id }, 'could not undo a failed job'))
      finish(entry, {
        status: cancelled ? 'cancelled' : 'failed',
        stage: cancelled ? 'cancelled' : 'failed',
        eta_seconds: null,
        finished_at: new Date().toISOString(),
        error: errorOf(entry.job, cause),
      })
      await entry.writes
      throw cause
    }
  }

  function recordDuration(ms: number): void {
    durations.push(ms)
    if (durations.length > DURATION_SAMPLES) durations.shift()
  }

  function finish(entry: Entry, change: Partial<Job>): void {
    update(entry, change, true)
    const id = entry.job.job_id
    watchers.delete(id)
    entries.delete(id)
    finished.set(id, entry.job)
  }

  function abort(entry: Entry, reason: JobCancelledError): void {
    if (!entry.committing) entry.controller.abort(reason)
  }

  return {
    submit(spec) {
      assertAccepting()
      const job: Job = {
        job_id: newId('job'),
        kind: spec.kind,
        status: 'queued',
        progress: 0,
        stage: 'queued',
        dataset_id: spec.dataset_id,
        ...(spec.model_id === undefined ? {} : { model_id: spec.model_id }),
        created_at: new Date().toISOString(),
      }
      let settle: () => void = () => undefined
      const entry: Entry = { job, controller: new AbortController(), committing: false, settled: new Promise((r) => (settle = r)), writes: Promise.resolve() }
      entries.set(job.job_id, entry)
      forget()
      persist(entry)
      const done = execute(entry, spec)
      // the job's own outcome is recorded above; a caller that does not wait must not see an unhandled rejection
      done.then(settle, settle)
      return { job, done, saved: entry.writes }
    },
    assertAccepting,
    get: find,
    list(status) {
      const all = [...finished.values(), ...[...entries.values()].map((e) => e.job)]
      // reversed first so that jobs created in the same millisecond also come newest first (the sort is stable)
      return all
        .filter((j) => status === undefined || j.status === status)
        .reverse()
        .sort((a, b) => b.created_at.localeCompare(a.created_at))
    },
    async cancel(id) {
      const entry = entries.get(id)
      if (!entry) {
        const job = find(id)
        throw new ConflictError(`job '${id}' already ${job.status}; only queued or running jobs can be cancelled`, { field: 'job_id', value: id, status: job.status })
      }
      if (entry.committing) {
        throw new ConflictError(`job '${id}' is saving its version and can no longer be cancelled`, { field: 'job_id', value: id, status: entry.job.status })
      }
      abort(entry, new JobCancelledError(409, `job '${id}' was cancelled by DELETE /jobs/${id}`, { job_id: id }))
      await entry.settled
      await entry.writes
      return find(id)
    },
    watch(id, listener) {
      const job = find(id)
      listener(job)
      if (isFinal(job.status)) return () => undefined
      const set = watchers.get(id) ?? new Set()
      set.add(listener)
      watchers.set(id, set)
      return () => {
        set.delete(listener)
      }
    },
    get accepting() {
      return accepting
    },
    async drain(graceMs) {
      accepting = false
      const reason = (): JobCancelledError => new JobCancelledError(503, SHUTTING_DOWN)
      for (const entry of entries.values()) if (entry.job.status === 'queued') abort(entry, reason())
      const all = (): Promise<unknown> => Promise.all([...entries.values()].map((e) => e.settled))
      let timer: NodeJS.Timeout | undefined
      await Promise.race([all(), new Promise((r) => (timer = setTimeout(r, graceMs)))])
      clearTimeout(timer)
      for (const entry of entries.values()) abort(entry, reason())
      await all()
      await Promise.all([...flushing])
    },
  }
}
