import { Type } from 'typebox'
import { Id } from './common.js'
import { ModelView } from './model.js'
import { exampleJob, exampleModel } from './examples.js'

export const JobKind = Type.Union([Type.Literal('train'), Type.Literal('retrain'), Type.Literal('combine')])
export const JobStatus = Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('cancelled')])

const Timestamp = Type.String({ format: 'date-time' })

/** A training run, from queued to a final status; kept in `<storage>/jobs/<job_id>.json`. */
export const Job = Type.Object(
  {
    job_id: Type.String(),
    kind: JobKind,
    status: JobStatus,
    progress: Type.Number({ minimum: 0, maximum: 1, description: 'Share of the work done, 0 to 1.' }),
    stage: Type.String({ description: 'queued, reading dataset, fitting features, fitting model, scoring, evaluating, saving, done, failed, cancelled' }),
    eta_seconds: Type.Optional(
      Type.Union([Type.Number({ minimum: 0 }), Type.Null()], {
        description: 'Running jobs: seconds still needed, extrapolated from the time run so far and `progress` (null until 5% is done, and once the job ends).',
        examples: [42],
      }),
    ),
    dataset_id: Type.String(),
    model_id: Type.Optional(Type.String()),
    created_at: Timestamp,
    started_at: Type.Optional(Timestamp),
    finished_at: Type.Optional(Timestamp),
    error: Type.Optional(Type.Object({ message: Type.String(), status_code: Type.Integer() })),
    result: Type.Optional(ModelView),
  },
  {
    title: 'Job',
    description: 'A training run: queued, running (stage, progress, eta), then succeeded (with `result`, the model), failed (with `error`) or cancelled.',
    examples: [exampleJob],
  },
)

export const JobList = Type.Object(
  { jobs: Type.Array(Job), count: Type.Integer() },
  {
    title: 'JobList',
    description: 'Jobs, newest first (the last 1,000 are kept).',
    examples: [
      {
        jobs: [
          exampleJob,
          { ...exampleJob, job_id: 'job-9a7c3e2f1b04', status: 'succeeded', progress: 1, stage: 'done', eta_seconds: null, finished_at: '2026-11-21T09:41:03.902Z', result: exampleModel },
        ],
        count: 2,
      },
    ],
  },
)

export const JobParams = Type.Object({ job_id: Id })

export const JobListQuery = Type.Object({ status: Type.Optional(JobStatus) })

const wait = Type.Boolean({
  default: true,
  description: 'true (default): answer 200 with the trained model when the job finishes. false: answer 202 at once with the job; follow it at GET /jobs/{job_id}.',
})

export const WaitQuery = Type.Object({ wait })

export const CombineJobQuery = Type.Object({
  retrain: Type.Boolean({ default: false, description: 'Also train a new version of the model on the combined dataset.' }),
  wait,
})

export const Ready = Type.Object({ status: Type.Literal('ready') }, { title: 'Ready', description: 'Storage is checked and every worker thread is up: send traffic.', examples: [{ status: 'ready' }] })

/** Refusals of a job-queueing route: queue full (with Retry-After), shutting down. */
export const queueErrors = { 429: Type.Ref('ErrorResponse'), 503: Type.Ref('ErrorResponse') }
