import { Type } from 'typebox'
import { ID_PATTERN } from '../store/ids.js'

export const LookupBody = Type.Object(
  { value: Type.String({ minLength: 1, maxLength: 1000, description: 'A raw value of a personal field (a user id, an IP address, a card-holder name).' }) },
  { additionalProperties: false, description: 'The value to look up.', examples: [{ value: '203.0.113.7' }] },
)

export const LookupResponse = Type.Object(
  { pseudonym: Type.String({ description: 'ps_ + 22 characters: what incidents, aggregates and evidence show for this value under the current key.' }) },
  { description: 'The pseudonym of the value.', examples: [{ pseudonym: 'ps_3q2-7wAAAAB1bWJyZWxsYQ' }] },
)

export const SubjectParams = Type.Object(
  {
    name: Type.String({ pattern: ID_PATTERN, description: 'Monitor name.', examples: ['px'] }),
    subject: Type.String({ minLength: 1, maxLength: 1000, description: 'The entity: its pseudonym (ps_…), or its raw value for an entity field that is not personal.', examples: ['ps_3q2-7wAAAAB1bWJyZWxsYQ'] }),
  },
  { additionalProperties: false },
)

const ErasedState = Type.Object({
  field: Type.String({ description: 'Entity field (user_id, ip, card_holder_name).' }),
  entity_state: Type.Boolean({ description: 'Its counts, first and last request times and recent card hashes were deleted.' }),
  series: Type.Boolean({ description: 'Its per-minute series (kept while it was watched) was deleted.' }),
  alarms: Type.Integer({ minimum: 0, description: 'Open alarms dropped (the engine stops observing them; their incidents stay).' }),
})

export const SubjectErasureResponse = Type.Object(
  {
    monitor: Type.String(),
    subject: Type.String({ description: 'The entity as stored (its pseudonym).' }),
    erased: Type.Array(ErasedState, { description: 'Per entity field where anything was kept; empty when nothing was.' }),
    cache_entries: Type.Integer({ minimum: 0, description: 'Raw values dropped from the in-memory pseudonym cache.' }),
    incidents: Type.Array(Type.String(), { description: 'Incidents naming the subject: kept as security records (they hold only the pseudonym) until incident_retention_days; resolve or delete the monitor to remove them sooner.' }),
  },
  {
    description: 'What was erased.',
    examples: [{ monitor: 'px', subject: 'ps_3q2-7wAAAAB1bWJyZWxsYQ', erased: [{ field: 'ip', entity_state: true, series: true, alarms: 1 }], cache_entries: 1, incidents: ['20260105T101500Z-a1b2c3'] }],
  },
)
