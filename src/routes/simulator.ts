import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ConflictError } from '../errors.js'
import { errors } from '../schemas/common.js'
import { ControlBody, ControlResponse, ScenarioList, SimulatedDataset, SimulatedDatasetBody, SimulatorStatus, StreamQuery, StreamResponse } from '../schemas/simulator.js'
import { controlSimulator, simulateDataset } from '../simulator/api.js'
import { describeScenarios, LiveSimulator, liveStream } from '../simulator/index.js'
import type { SimulatorLimits } from '../simulator/stream-limits.js'

/**
 * The scenario simulator: 004's mock banking-log server as part of Vigil.
 * Generate labelled datasets, or run it live and read the stream.
 */
export const simulatorRoutes: FastifyPluginAsyncTypebox<{ limits?: SimulatorLimits }> = async (app, options) => {
  const live = new LiveSimulator(Date.now, 100, options.limits)
  app.addHook('onClose', async () => live.close())
  app.get(
    '/simulator/scenarios',
    {
      schema: {
        tags: ['simulator'],
        summary: 'The anomaly scenarios, their weights and the traces they leave',
        description: "004's 16 banking-log incident scenarios (and any a config added): how often each is planted, and what it looks like in the logs. docs/scenarios.md has more.",
        response: { 200: ScenarioList },
      },
    },
    async () => describeScenarios(live.configuration),
  )
  app.post(
    '/simulator/datasets',
    {
      schema: {
        tags: ['simulator'],
        summary: 'Generate labelled banking logs straight into a stored dataset',
        description: 'Same seed and config → the same rows. The anomaly_details.* columns are labels: train with explicit feature_columns (see docs/scenarios.md).',
        body: SimulatedDatasetBody,
        response: { 200: SimulatedDataset, ...errors(400, 413) },
      },
    },
    async (request) => simulateDataset(app.vigil.uploadDataset, request.body),
  )
  app.get(
    '/simulator',
    { schema: { tags: ['simulator'], summary: 'Live simulator status', description: 'Running or stopped, rows and anomalies written since the last start, the measured rate and open streams.', response: { 200: SimulatorStatus } } },
    async () => live.status(),
  )
  app.post(
    '/simulator/control',
    {
      schema: {
        tags: ['simulator'],
        summary: "Start or stop the live simulator (004's control API)",
        description: 'Start (optionally with a config: rate, bursts, scenario changes) or stop the live generator read at GET /simulator/stream. 409 when changing the config of a running simulator.',
        body: ControlBody,
        response: { 200: ControlResponse, ...errors(400, 409) },
      },
    },
    async (request) => controlSimulator(live, request.body),
  )
  app.get(
    '/simulator/stream',
    {
      schema: {
        tags: ['simulator'],
        summary: 'Live rows as NDJSON or server-sent events',
        description: 'Needs a started simulator. Ends at `limit` rows, after `duration_seconds`, when the simulator stops, or when the client disconnects.',
        querystring: StreamQuery,
        response: { 200: StreamResponse, ...errors(400, 409) },
      },
    },
    async (request, reply) => {
      if (!live.running) throw new ConflictError('the simulator is stopped; start it with POST /simulator/control {"action": "start"}', { field: 'action', value: 'stream' })
      const q = request.query
      const stream = liveStream(live, { format: q.format, limit: q.limit, durationMs: q.duration_seconds === undefined ? undefined : q.duration_seconds * 1000, labels: q.labels })
      return reply.type(q.format === 'sse' ? 'text/event-stream' : 'application/x-ndjson').header('cache-control', 'no-cache').send(stream)
    },
  )
}
