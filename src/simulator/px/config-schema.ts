import { Type, type Static } from 'typebox'
import { REGRESSION_TYPES } from './regression.js'

const Range = (min: number, max: number, description: string, example: [number, number]) =>
  Type.Tuple([Type.Number({ minimum: min, maximum: max }), Type.Number({ minimum: min, maximum: max })], { description, examples: [example] })

/** A combination of PX dimension values; a dimension left out is free. */
export const PxDimensionsInput = Type.Object(
  {
    partner: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    country: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    operation: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    pi_type: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    flight: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    region: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    instance: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false, description: 'The affected combination; {} is the whole service.', examples: [{ operation: 'edit_pi', pi_type: 'mc', country: 'CA', partner: 'dime' }] },
)

/** One regression written out in the config. */
export const PxRegressionInput = Type.Object(
  {
    id: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$', description: 'Label id (default cfg-1, cfg-2, …).' })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    type: Type.Enum(REGRESSION_TYPES, { description: 'system_errors (5xx), user_errors (4xx), latency, traffic.' }),
    dimensions: PxDimensionsInput,
    effect: Type.Object(
      {
        rate: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'Errors: share of the combination answered with the error class during the regression (must exceed its baseline).' })),
        status: Type.Optional(Type.Integer({ minimum: 400, maximum: 599, description: 'Errors: answer this one code (4xx for user_errors, 5xx for system_errors) instead of the usual mix.' })),
        multiplier: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, description: 'Latency: factor > 1. Traffic: factor ≠ 1 (0 = drop to zero, 3 = a spike to 3×).' })),
      },
      { additionalProperties: false, examples: [{ rate: 0.25 }, { rate: 0.95, status: 401 }, { multiplier: 3 }] },
    ),
    start: Type.Optional(Type.String({ format: 'date-time', description: 'Event time it starts (or give start_offset_minutes).' })),
    end: Type.Optional(Type.String({ format: 'date-time', description: 'Event time it ends (or give duration_minutes).' })),
    start_offset_minutes: Type.Optional(Type.Number({ minimum: 0, description: 'Minutes after the simulation start (default: the middle of the run).' })),
    duration_minutes: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 129_600, description: 'Default 120.' })),
  },
  { additionalProperties: false },
)

/** Random regressions: how many, of which types, where and how strong. */
export const PxRandomInput = Type.Object(
  {
    count: Type.Optional(Type.Integer({ minimum: 0, maximum: 2000, description: 'How many (default 0); the types take turns.' })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295, description: 'Seed of the draw (default: derived from the traffic seed).' })),
    types: Type.Optional(Type.Array(Type.Enum(REGRESSION_TYPES), { minItems: 1, uniqueItems: true, description: 'Default all four.' })),
    dimensions: Type.Optional(Type.Tuple([Type.Integer({ minimum: 0, maximum: 7 }), Type.Integer({ minimum: 0, maximum: 7 })], { description: 'How many dimensions a combination fixes, [min, max] (default [1, 4]).' })),
    traffic_rpm: Optional(Range(0.01, 1e6, 'Requests per minute the combination carries, [min, max], drawn log-uniformly (default [0.5, 120]).', [0.5, 120])),
    system_error_rate: Optional(Range(0.001, 1, '5xx rate during the regression, [min, max] (default [0.05, 0.5]).', [0.05, 0.5])),
    user_error_rate: Optional(Range(0.001, 1, '4xx rate during the regression, [min, max] (default [0.2, 0.8]).', [0.2, 0.8])),
    latency_multiplier: Optional(Range(1.01, 1000, 'Latency factor, [min, max] (default [1.5, 5]).', [1.5, 5])),
    traffic_drop: Optional(Range(0, 0.99, 'Traffic factor of a drop, [min, max] (default [0, 0.3]); a third of drops go to zero.', [0, 0.3])),
    traffic_spike: Optional(Range(1.01, 1000, 'Traffic factor of a spike, [min, max] (default [3, 10]).', [3, 10])),
    duration_minutes: Optional(Range(1, 10_080, 'Duration, [min, max] (default [30, 240]); lengthened until the window carries min_requests.', [30, 240])),
    min_requests: Type.Optional(Type.Number({ minimum: 0, maximum: 1e7, description: 'Expected requests of the combination in the window, at least (default 60).' })),
    warmup_minutes: Type.Optional(Type.Number({ minimum: 0, description: 'No regression starts earlier: history for the baselines (default: a day, or a quarter of a shorter run).' })),
    gap_minutes: Type.Optional(Type.Number({ minimum: 0, maximum: 10_080, description: 'Overlapping combinations are kept this far apart in time (default 60).' })),
  },
  { additionalProperties: false },
)

const Rpm = (dflt: number) => Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100_000, description: `Requests per minute each attacking entity sends (default ${dflt}).` }))
const Count = (dflt: number) => Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: `How many attacking entities, each its own attack (default ${dflt}).` }))
const Duration = (dflt: number) => Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10_080, description: `Minutes each attack lasts (default ${dflt}; cut at the end of the run).` }))

/** Card testing (003 §2 example 1): many add_pi with many different cards, most failing bank validation. */
export const PxCardTestingInput = Type.Object(
  {
    count: Count(3),
    entities: Type.Optional(
      Type.Array(Type.Enum(['user_id', 'ip', 'card_holder_name']), {
        minItems: 1,
        uniqueItems: true,
        description: "What each attack is keyed on, taking turns (default ['user_id', 'ip', 'card_holder_name']): one user id, one address, or one card-holder name across many ids and addresses.",
      }),
    ),
    requests_per_minute: Rpm(20),
    duration_minutes: Duration(30),
    failure_rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Share of its add_pi failing bank validation (default 0.85).' })),
  },
  { additionalProperties: false, examples: [{ count: 3, entities: ['user_id', 'ip', 'card_holder_name'], requests_per_minute: 20, duration_minutes: 30, failure_rate: 0.85 }] },
)

/** D/DoS (003 §2 example 2): one user id or address sending many psd2_session calls (each writes to the database). */
export const PxDdosInput = Type.Object(
  {
    count: Count(2),
    entities: Type.Optional(Type.Array(Type.Enum(['user_id', 'ip']), { minItems: 1, uniqueItems: true, description: "What each attack is keyed on, taking turns (default ['user_id', 'ip'])." })),
    requests_per_minute: Rpm(300),
    duration_minutes: Duration(20),
  },
  { additionalProperties: false, examples: [{ count: 2, requests_per_minute: 300, duration_minutes: 20 }] },
)

/** Fuzzing (003 §2 example 3): many malformed requests in quick succession, most answered 4xx, some 5xx. */
export const PxFuzzingInput = Type.Object(
  {
    count: Count(2),
    entities: Type.Optional(Type.Array(Type.Enum(['user_id', 'ip']), { minItems: 1, uniqueItems: true, description: "What each attack is keyed on, taking turns (default ['user_id', 'ip'])." })),
    requests_per_minute: Rpm(120),
    duration_minutes: Duration(15),
    client_error_rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Share answered 4xx (default 0.85).' })),
    server_error_rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Share answered 5xx (default 0.1); with client_error_rate at most 1, the rest is 2xx.' })),
  },
  { additionalProperties: false, examples: [{ count: 2, requests_per_minute: 120, duration_minutes: 15, client_error_rate: 0.85, server_error_rate: 0.1 }] },
)

/** Labelled attacks mixed into the traffic (003 §2). A type left out has none (unless the '003-abuse' preset adds it). */
export const PxAttacksInput = Type.Object(
  {
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295, description: 'Seed of where and when the attacks fall (default: derived from the traffic seed).' })),
    warmup_minutes: Type.Optional(Type.Number({ minimum: 0, description: 'No attack starts earlier (default: a day, or a quarter of a shorter run).' })),
    card_testing: Type.Optional(PxCardTestingInput),
    ddos: Type.Optional(PxDdosInput),
    fuzzing: Type.Optional(PxFuzzingInput),
  },
  { additionalProperties: false, examples: [{ card_testing: { count: 3 }, ddos: { count: 2, requests_per_minute: 300 }, fuzzing: { count: 1 } }] },
)

/** Busy but benign entities a detector must not flag: there with the defaults whenever attacks are, or when this is given. */
export const PxBenignHeavyInput = Type.Object(
  {
    batch_jobs: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: "Partner batch jobs (default 1): one user id each, sending list_pi/get_pidl/add_pi/edit_pi all run long over a few stored cards, nearly all passing validation." })),
    batch_requests_per_minute: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100_000, description: 'Rate of each batch job (default 30).' })),
    corporate_ips: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'Shared corporate addresses (default 1): many users behind one address, each behaving normally.' })),
    corporate_users: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: 'Users behind each corporate address (default 2000).' })),
    corporate_requests_per_minute: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100_000, description: 'Mean rate of each corporate address; it follows the daily rhythm (default 40).' })),
  },
  { additionalProperties: false, examples: [{ batch_jobs: 1, batch_requests_per_minute: 30, corporate_ips: 1, corporate_users: 2000, corporate_requests_per_minute: 40 }] },
)

function Optional<T extends ReturnType<typeof Range>>(schema: T) {
  return Type.Optional(schema)
}

/**
 * The PX traffic simulator's config. Every field is optional; what is left
 * out keeps its default (see `PX_DEFAULTS`).
 */
export const PxTrafficConfigInput = Type.Object(
  {
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295, description: 'Same seed and config, same events, byte for byte (default 1).' })),
    start: Type.Optional(Type.String({ format: 'date-time', description: 'Event time of the start (default 2025-01-06T00:00:00.000Z, a Monday).' })),
    duration_minutes: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 129_600, description: 'Simulated time (default 10080, a week; at most 90 days).' })),
    rate_per_second: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, description: 'Mean requests per second over a week; the daily and weekly rhythm moves around it (default 30).' })),
    traffic_noise: Type.Optional(Type.Number({ minimum: 0, maximum: 0.5, description: 'Log-scale spread of slow random swings of the total rate (default 0.05; 0 = a pure rhythm).' })),
    users: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'Ordinary users (distinct user_id) drawn from; 0 leaves user_id, ip, card_fingerprint and card_holder_name out, and allows no attacks or heavy users (default 1000000).' }),
    ),
    ips: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'Addresses the ordinary users call from (default 200000: households, offices and carriers share them).' })),
    presets: Type.Optional(
      Type.Array(Type.Enum(['003', '003-abuse']), { uniqueItems: true, description: "Named scenario sets: '003' = the four examples of 003 §1.1; '003-abuse' = 003 §2's attacks (card testing by user id, address and card-holder name, D/DoS and fuzzing by user id and address) with their defaults." }),
    ),
    scenarios: Type.Optional(Type.Array(PxRegressionInput, { maxItems: 1000, description: 'Regressions written out in full.' })),
    random: Type.Optional(PxRandomInput),
    attacks: Type.Optional(PxAttacksInput),
    benign_heavy: Type.Optional(PxBenignHeavyInput),
  },
  {
    additionalProperties: false,
    examples: [
      { seed: 1, start: '2025-01-06T00:00:00.000Z', duration_minutes: 10_080, rate_per_second: 30, presets: ['003'], random: { count: 8 } },
      { duration_minutes: 2880, presets: ['003', '003-abuse'], attacks: { ddos: { count: 4, requests_per_minute: 600 } } },
      { duration_minutes: 240, scenarios: [{ type: 'system_errors', dimensions: { operation: 'edit_pi', country: 'CA' }, effect: { rate: 0.2 }, start_offset_minutes: 120, duration_minutes: 60 }] },
    ],
  },
)

export type PxTrafficConfigInput = Static<typeof PxTrafficConfigInput>
export type PxRegressionInput = Static<typeof PxRegressionInput>
export type PxRandomInput = Static<typeof PxRandomInput>
export type PxAttacksInput = Static<typeof PxAttacksInput>
export type PxBenignHeavyInput = Static<typeof PxBenignHeavyInput>
