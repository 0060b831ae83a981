import { Type, type Static } from 'typebox'

/**
 * One simulated PX request, as written to NDJSON and sent to a monitor:
 * 003's seven dimensions, the HTTP status, the latency, the event time,
 * and who called.
 */
export const PxEvent = Type.Object(
  {
    timestamp: Type.String({ format: 'date-time', description: 'Event time, ISO 8601 UTC.' }),
    partner: Type.String(),
    country: Type.String(),
    operation: Type.String(),
    pi_type: Type.String(),
    flight: Type.String(),
    region: Type.String(),
    instance: Type.String(),
    status: Type.Integer({ minimum: 100, maximum: 599, description: 'HTTP status: 5xx = system error, 4xx = user error.' }),
    latency_ms: Type.Integer({ minimum: 1 }),
    user_id: Type.Optional(Type.String()),
    ip: Type.Optional(Type.String()),
    regression: Type.Optional(Type.String({ description: 'Only with labels on: the id of the regression that shaped this request.' })),
  },
  {
    description: 'A simulated PX request.',
    examples: [
      { timestamp: '2025-01-07T14:03:12.481Z', partner: 'dime', country: 'CA', operation: 'edit_pi', pi_type: 'mc', flight: 'control', region: 'eastus', instance: 'eastus-07', status: 500, latency_ms: 287, user_id: 'u-3c6ef372', ip: '73.18.201.9' },
    ],
  },
)
export type PxEvent = Static<typeof PxEvent>
