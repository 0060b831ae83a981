import { Type, type Static } from 'typebox'

const Field = (defaultName: string, description: string) =>
  Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f]+$', default: defaultName, description })

const Names = (defaults: string[], description: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100, uniqueItems: true, default: defaults, description })

/**
 * Where the entity (abuse) detectors find what they need in an event, and how
 * sure they must be. Field names only: another event layout is a config
 * change. An event lacking a field is simply not counted by the detectors
 * that need it.
 */
export const EntityConfig = Type.Object(
  {
    user_field: Field('user_id', 'Field naming the user (an entity; personal by default).'),
    ip_field: Field('ip', 'Field naming the client IP address (an entity; personal by default).'),
    card_holder_field: Field('card_holder_name', 'Field holding the card-holder name (an entity for card testing; personal by default).'),
    card_fingerprint_field: Field('card_fingerprint', 'Field holding a token of the card (never a card number): distinct cards per entity are counted on it.'),
    validation_field: Field('validation_result', 'Field holding the bank validation result of a card operation.'),
    validation_failed_values: Names(['failed'], 'Values of validation_field that mean the card failed validation.'),
    malformed_field: Field('malformed', 'Boolean field: true when the request was malformed (fuzzing).'),
    operation_field: Field('operation', 'Field naming the operation.'),
    costly_operations: Names(['psd2_session'], 'Operations whose repetition by one entity is a DDoS (they write to the database or call a third party).'),
    card_operations: Names(['add_pi'], 'Operations that add a card (card testing counts their failed validations).'),
    half_life_minutes: Type.Number({ minimum: 1, maximum: 1440, default: 10, description: "Half-life of an entity's recent counts (event time): how long 'in quick succession' is." }),
    baseline_half_life_hours: Type.Number({ minimum: 1, maximum: 720, default: 24, description: "Half-life of an entity's own long-run baseline (event time)." }),
    min_events: Type.Integer({ minimum: 2, maximum: 10_000, default: 5, description: 'Fewest suspect requests of one entity before it can alarm (2 failures out of 2 never alarm).' }),
    min_share: Type.Number({ minimum: 0, maximum: 1, default: 0.5, description: "Share of an entity's recent requests that must be suspect (003: 'most of these fail')." }),
    false_alarms_per_day: Type.Number({
      exclusiveMinimum: 0,
      maximum: 100,
      default: 0.5,
      description: 'False incidents per detector per day the tests allow across all entities (Bonferroni over active entities and minutes).',
    }),
    max_entities: Type.Integer({
      minimum: 1024,
      maximum: 16_777_216,
      default: 1_048_576,
      description: 'Most entities kept per entity field (94 bytes each for users and IPs; rounded down to a power of two); past it a new entity takes the slot of the stalest entity of its bucket that is not alarmed or watched (an entity silent for hours has little state worth keeping).',
    }),
  },
  { additionalProperties: false, default: {}, description: 'Entity (abuse) detection: card_testing, ddos, fuzzing (docs/abuse.md).' },
)

export type EntityConfig = Static<typeof EntityConfig>
