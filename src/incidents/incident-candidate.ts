import { Type, type Static } from 'typebox'
import { Evidence } from './incident-schema.js'

/**
 * What the detection engine hands over when a test alarms: one regression in
 * one combination. `report()` turns it into a new incident or folds it into
 * an open one.
 */
export const IncidentCandidate = Type.Object({
  type: Type.String({ minLength: 1 }),
  direction: Type.Union([Type.Literal('increase'), Type.Literal('decrease')]),
  dimensions: Type.Record(Type.String(), Type.String()),
  started_at: Type.String({ format: 'date-time' }),
  detected_at: Type.String({ format: 'date-time' }),
  requests_to_detect: Type.Integer({ minimum: 0 }),
  evidence: Evidence,
  widens: Type.Optional(
    Type.Boolean({
      description:
        'True when this broader combination was shown to hold the regression beyond an open incident inside it (the rest of its traffic changed too): the incident widens to it.',
    }),
  ),
})

export type IncidentCandidate = Static<typeof IncidentCandidate>
