import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Readable } from 'node:stream'
import { Type } from 'typebox'
import { jobEventStream } from '../jobs/job-event-stream.js'
import { errors } from '../schemas/common.js'
import { exampleJob } from '../schemas/examples.js'
import { Job, JobList, JobListQuery, JobParams } from '../schemas/job.js'

/** The events are streamed as text, not serialised by a schema. */
const EventStream = Type.Unsafe<Readable>({
  description: 'Server-Sent Events: the job at once, one `progress` event per change, then `succeeded`, `failed` or `cancelled`, and the stream closes.',
  content: {
    'text/event-stream': {
      schema: { type: 'string', description: '`event: progress|succeeded|failed|cancelled`, `data: <job JSON>`; a `: heartbeat` comment every 15 s.' },
      example: `event: progress\ndata: ${JSON.stringify(exampleJob)}\n\nevent: succeeded\ndata: ${JSON.stringify({ ...exampleJob, status: 'succeeded', progress: 1, stage: 'done', eta_seconds: null })}\n\n`,
    },
  },
})

export const jobRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Training jobs, newest first',
        description: 'Every training (train, retrain, combine) runs as a job, waited for or not. `?status=queued|running|succeeded|failed|cancelled` filters; the last 1,000 are kept.',
        querystring: JobListQuery,
        response: { 200: JobList, ...errors(400) },
      },
    },
    async (request) => app.vigil.listJobs(request.query.status),
  )
  app.get(
    '/jobs/:job_id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'One job: status, stage, progress, and its result or error',
        description: 'Poll this after a `?wait=false` training (or follow /jobs/{job_id}/events). A succeeded job carries the model as `result`; a failed one its `error` with the status the waiting request would have had.',
        params: JobParams,
        response: { 200: Job, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.getJob(request.params.job_id),
  )
  app.get(
    '/jobs/:job_id/events',
    {
      schema: {
        tags: ['jobs'],
        summary: "A job's progress as Server-Sent Events",
        description: 'The current state at once, one `progress` event per change, then a final `succeeded`, `failed` or `cancelled` event, and the stream closes. Comment lines every 15 s keep it alive.',
        params: JobParams,
        response: { 200: EventStream, ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const stream = jobEventStream((listener) => app.vigil.watchJob(request.params.job_id, listener))
      request.raw.once('close', () => stream.destroy())
      return reply.type('text/event-stream').header('cache-control', 'no-cache').header('x-accel-buffering', 'no').send(stream)
    },
  )
  app.delete(
    '/jobs/:job_id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Cancel a queued or running job',
        description: 'A queued job leaves the queue; a running one has its worker thread stopped (and replaced). No version is stored. 409 when the job already finished or is saving its version.',
        params: JobParams,
        response: { 200: Job, ...errors(400, 404, 409) },
      },
    },
    async (request) => app.vigil.cancelJob(request.params.job_id),
  )
}
