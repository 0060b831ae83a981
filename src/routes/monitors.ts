import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errors } from '../schemas/common.js'
import { DetectorList, MonitorConfigBody, EventsBody, IngestResponse, MonitorList, MonitorParams, MonitorView, PutMonitorResponse } from '../schemas/monitors.js'

/**
 * Regression monitors (003 §1): configure a monitor, send it request events,
 * read what it sees. Incidents it opens are at /incidents.
 */
export const monitorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // NDJSON bodies arrive as text; the use case splits and checks them line by line
  app.addContentTypeParser('application/x-ndjson', { parseAs: 'string' }, (_request, body, done) => done(null, body))
  app.get(
    '/monitors',
    {
      schema: {
        tags: ['monitors'],
        summary: 'Every monitor with its config and detection status',
        description: 'Monitors created with PUT /monitors/{name} or read from monitors.json at start, each with its config (defaults filled in) and what its detection has seen.',
        response: { 200: MonitorList },
      },
    },
    async () => ({ monitors: app.monitors.list() }),
  )
  app.get(
    '/monitors/detectors',
    { schema: { tags: ['monitors'], summary: 'Registered regression detectors', description: 'The four of 003 (system_errors, user_errors, latency, traffic) and any plugin registered at start.', response: { 200: DetectorList } } },
    async () => ({ detectors: app.monitors.registry.list().map((d) => ({ name: d.name, kind: d.kind, metric: d.metric, description: d.description })) }),
  )
  app.put(
    '/monitors/:name',
    {
      schema: {
        tags: ['monitors'],
        summary: 'Create or update a monitor',
        description:
          'Every field has a default: `{}` monitors 003\'s seven dimensions for system errors, user errors, latency and traffic. Changing dimensions, max_depth, detectors, alpha or a field name starts the baselines over (state: reset); severity, webhook, retention and resolve time apply in place (state: kept).',
        params: MonitorParams,
        body: MonitorConfigBody,
        response: { 200: PutMonitorResponse, ...errors(400) },
      },
    },
    async (request) => app.monitors.put(request.params.name, request.body),
  )
  app.get(
    '/monitors/:name',
    {
      schema: {
        tags: ['monitors'],
        summary: 'A monitor with its config and detection status',
        description: 'Its config (defaults filled in) and detection status: events received and processed, the event-time watermark, combinations tracked, incidents reported.',
        params: MonitorParams,
        response: { 200: MonitorView, ...errors(400, 404) },
      },
    },
    async (request) => app.monitors.get(request.params.name),
  )
  app.delete(
    '/monitors/:name',
    {
      schema: {
        tags: ['monitors'],
        summary: 'Delete a monitor, its aggregates and its incidents',
        description: 'Stops its detection and removes its stored minute aggregates and every incident it opened.',
        params: MonitorParams,
        response: {
          200: Type.Object({ deleted: Type.String(), incidents_deleted: Type.Integer({ minimum: 0 }) }, { description: 'What was deleted.', examples: [{ deleted: 'px', incidents_deleted: 3 }] }),
          ...errors(400, 404),
        },
      },
    },
    async (request) => {
      await app.monitors.remove(request.params.name)
      return { deleted: request.params.name, incidents_deleted: await app.incidents.deleteForMonitor(request.params.name) }
    },
  )
  app.post(
    '/monitors/:name/events',
    {
      schema: {
        tags: ['monitors'],
        summary: 'Send request events (JSON array or NDJSON)',
        description:
          'Answers 202 once the events are checked and queued; detection follows on event time in the background, so replaying a day of history at full speed gives the incidents living through it would. Bad events are counted and listed by line; a batch with no usable event is a 400; 429 with Retry-After when the queue is full.',
        params: MonitorParams,
        body: {
          content: {
            'application/json': { schema: EventsBody },
            'application/x-ndjson': {
              schema: Type.String({
                description: 'NDJSON: one event per line.',
                examples: ['{"timestamp":"2026-12-07T09:00:00.120Z","partner":"dime","country":"CA","operation":"edit_pi","status":200,"latency_ms":143}\n{"timestamp":"2026-12-07T09:00:00.410Z","partner":"cart","country":"US","operation":"add_pi","status":503,"latency_ms":2210}\n'],
              }),
            },
          },
        },
        response: { 202: IngestResponse, ...errors(400, 404, 413, 429) },
      },
    },
    async (request, reply) => reply.code(202).send(app.monitors.ingest(request.params.name, request.body as unknown)),
  )
}
