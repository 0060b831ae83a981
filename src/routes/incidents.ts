import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errors } from '../schemas/common.js'
import { IncidentList, IncidentListQuery, IncidentParams, IncidentView, NoteBody } from '../schemas/incidents.js'

/** Incidents opened by the regression monitors: list, read, acknowledge, resolve (the stand-in for IcM). */
export const incidentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ack and resolve need no body: a POST without one means "no note"
  app.addHook('preValidation', async (request) => {
    if (request.method === 'POST' && (request.body === undefined || request.body === null)) request.body = {}
  })
  app.get(
    '/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents, newest detection first',
        description: 'Filter by monitor, status, type, severity and detection time (event time); page with `cursor` = the previous `next_cursor` until it is null.',
        querystring: IncidentListQuery,
        response: { 200: IncidentList, ...errors(400) },
      },
    },
    async (request) => app.incidents.list(request.query),
  )
  app.get(
    '/incidents/:incident_id',
    {
      schema: {
        tags: ['incidents'],
        summary: 'One incident with its evidence, timeline and webhook deliveries',
        description: 'Title, dimensions and severity, the evidence series with its normal range, the timeline (opened, updated, acknowledged, resolved) and every webhook delivery attempt.',
        params: IncidentParams,
        response: { 200: IncidentView, ...errors(400, 404) },
      },
    },
    async (request) => app.incidents.get(request.params.incident_id),
  )
  app.post(
    '/incidents/:incident_id/ack',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Acknowledge an incident',
        description: 'Someone is on it. The incident keeps absorbing detections and can still resolve automatically. Acknowledging again only updates the note; 409 once resolved.',
        params: IncidentParams,
        body: NoteBody,
        response: { 200: IncidentView, ...errors(400, 404, 409) },
      },
    },
    async (request) => app.incidents.acknowledge(request.params.incident_id, request.body),
  )
  app.post(
    '/incidents/:incident_id/resolve',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Resolve an incident by hand',
        description: "Sends the `resolved` event to the monitor's webhook. A later detection on the same combination opens a new incident. 409 when already resolved.",
        params: IncidentParams,
        body: NoteBody,
        response: { 200: IncidentView, ...errors(400, 404, 409) },
      },
    },
    async (request) => app.incidents.resolve(request.params.incident_id, request.body),
  )
}
