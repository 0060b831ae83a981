import { Type, type Static } from 'typebox'

/**
 * One simulated PX request, as written to NDJSON and sent to a monitor:
 * 003's seven dimensions, the HTTP status, the latency, the event time,
 * who called, and for card operations which card, whose name and whether
 * it passed validation.
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
    user_id: Type.Optional(Type.String({ description: 'Who called (left out with users: 0).' })),
    ip: Type.Optional(Type.String({ description: 'The IPv4 address called from (left out with users: 0).' })),
    card_fingerprint: Type.Optional(Type.String({ pattern: '^fp-[0-9a-f]{16}$', description: 'add_pi and edit_pi: an opaque token standing for the card (never its number); the same card gives the same token.' })),
    card_holder_name: Type.Optional(Type.String({ description: 'add_pi and edit_pi: the name on the card.' })),
    validation_result: Type.Optional(Type.Union([Type.Literal('passed'), Type.Literal('failed')], { description: 'add_pi and edit_pi: failed when the card (or the request) was refused, i.e. the request was answered 4xx.' })),
    malformed: Type.Optional(Type.Literal(true, { description: 'Present (true) only when the request was malformed.' })),
    regression: Type.Optional(Type.String({ description: 'Only with labels on: the id of the regression that shaped this request.' })),
    attack: Type.Optional(Type.String({ description: 'Only with labels on: the id of the attack that sent this request.' })),
  },
  {
    description: 'A simulated PX request.',
    examples: [
      {
        timestamp: '2025-01-07T14:03:12.481Z',
        partner: 'dime',
        country: 'CA',
        operation: 'edit_pi',
        pi_type: 'mc',
        flight: 'control',
        region: 'eastus',
        instance: 'eastus-07',
        status: 500,
        latency_ms: 287,
        user_id: 'u-3c6ef372',
        ip: '73.18.201.9',
        card_fingerprint: 'fp-9f86d081884c7d65',
        card_holder_name: 'Maria Garcia',
        validation_result: 'passed',
      },
    ],
  },
)
export type PxEvent = Static<typeof PxEvent>
