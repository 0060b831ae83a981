import { Type } from 'typebox'
import { INCIDENT_EXAMPLE } from '../incidents/incident-example.js'
import { Incident } from '../incidents/incident-schema.js'
import { DEFAULT_PAGE, MAX_PAGE } from '../incidents/list-incidents.js'
import { ID_PATTERN } from '../store/ids.js'

/** An incident as the API returns it. */
export const IncidentView = Type.Object(Incident.properties, {
  description: "A regression in one combination of a monitor's dimensions, with its evidence and lifecycle.",
  examples: [INCIDENT_EXAMPLE],
})

export const IncidentParams = Type.Object({
  incident_id: Type.String({ pattern: ID_PATTERN, description: 'As returned by GET /incidents.', examples: [INCIDENT_EXAMPLE.incident_id] }),
})

export const IncidentListQuery = Type.Object(
  {
    monitor: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'Only this monitor.', examples: ['px'] })),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('acknowledged'), Type.Literal('resolved')], { description: 'open, acknowledged or resolved.' })),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'system_errors, user_errors, latency, traffic, or a plugin type.', examples: ['system_errors'] })),
    severity: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: 'Only this severity (1 = most severe).' })),
    since: Type.Optional(Type.String({ format: 'date-time', description: 'detected_at at or after this time (event time, ISO 8601).', examples: ['2024-03-12T00:00:00Z'] })),
    until: Type.Optional(Type.String({ format: 'date-time', description: 'detected_at before this time.', examples: ['2024-03-13T00:00:00Z'] })),
    limit: Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE, description: `Incidents per page (at most ${MAX_PAGE}).` }),
    cursor: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'next_cursor of the previous page.' })),
  },
  { additionalProperties: false },
)

export const IncidentList = Type.Object(
  {
    incidents: Type.Array(IncidentView, { description: 'Newest detection first.' }),
    next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page; null on the last page. Paging with the same filters reaches every incident.' }),
  },
  { description: 'One page of incidents, newest detection first, and the cursor of the next page.', examples: [{ incidents: [INCIDENT_EXAMPLE], next_cursor: null }] },
)

export const NoteBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000, description: 'Kept in the incident and its timeline.' })) },
  { additionalProperties: false, examples: [{ note: 'Rolled back flight px-2041; watching the error rate.' }] },
)
