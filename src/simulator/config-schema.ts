import { Type, type Static } from 'typebox'
import { SEVERITIES } from './log-record.js'
import { PATTERN_IDS } from './patterns/pattern-ids.js'
import { LOG_LEVELS, SERVICE_NAMES } from './services.js'

export const ServiceName = Type.Enum(SERVICE_NAMES)

/** The row fields a `generic` scenario can change, and how. */
export const MetricChange = Type.Object(
  {
    multiply: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6, description: 'Multiply the ordinary value.' })),
    set: Type.Optional(Type.Number({ description: 'Replace the ordinary value.' })),
  },
  { additionalProperties: false },
)

/** A scenario defined entirely in the config: ordinary rows of some services, changed as told. */
export const GenericParams = Type.Object(
  {
    rows: Type.Optional(Type.Tuple([Type.Integer({ minimum: 1, maximum: 500 }), Type.Integer({ minimum: 1, maximum: 500 })], { description: 'Rows per incident, [min, max] (default [5, 20]).' })),
    duration_seconds: Type.Optional(Type.Number({ minimum: 1, maximum: 86_400, description: 'How long one incident lasts (default 120).' })),
    actor: Type.Optional(Type.Enum(['one_user', 'one_ip', 'many'], { description: 'Whether all rows come from one customer, one address, or many (default one_ip).' })),
    log_level: Type.Optional(Type.Enum(LOG_LEVELS)),
    message: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'Message of every row; {user}, {ip} and {service} are filled in.' })),
    status_code: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
    metrics: Type.Optional(
      Type.Object(
        Object.fromEntries(
          ['response_time_ms', 'bytes_transferred', 'amount', 'records_accessed', 'cpu_percent', 'files_modified', 'db_connections', 'replication_lag_ms', 'cache_hit_rate', 'risk_score'].map((m) => [m, Type.Optional(MetricChange)]),
        ),
        { additionalProperties: false, description: 'Measured metrics to change, e.g. {"response_time_ms": {"multiply": 20}}.' },
      ),
    ),
  },
  { additionalProperties: false },
)

/** One entry of `anomaly_scenarios`: changes a built-in scenario (by id) or adds one. */
export const ScenarioInput = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$', description: "'BANK-001' … 'BANK-016' change a built-in scenario; any other id adds one." }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "004's family, e.g. 'Suspicious Transaction'." })),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    enabled: Type.Optional(Type.Boolean()),
    frequency_weight: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000 })),
    severity: Type.Optional(Type.Enum(SEVERITIES)),
    pattern: Type.Optional(Type.Enum(PATTERN_IDS, { description: 'The behaviour that plays the incident (see GET /simulator/scenarios).' })),
    source_services: Type.Optional(Type.Array(ServiceName, { minItems: 1, uniqueItems: true, description: 'Services a generic scenario writes as.' })),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    generic: Type.Optional(GenericParams),
  },
  { additionalProperties: false },
)

/**
 * The simulator's JSON config: 004's `config.yaml` keys, in JSON. Every
 * field is optional; what is left out keeps its default.
 */
export const SimulatorConfigInput = Type.Object(
  {
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295, description: 'Same seed and config, same rows, byte for byte (default 42).' })),
    start_time: Type.Optional(Type.String({ format: 'date-time', description: 'Timestamp of the first row in generate mode (default 2025-01-06T00:00:00Z, a Monday).' })),
    global_anomaly_rate: Type.Optional(Type.Number({ minimum: 0, maximum: 0.5, description: 'Share of rows planted by incidents (default 0.08).' })),
    log_generation: Type.Optional(
      Type.Object(
        {
          logs_per_second: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10_000, description: 'Long-run mean rate (default 10).' })),
          burst_simulation: Type.Optional(Type.Boolean({ description: 'Benign traffic spikes (default true).' })),
          burst_interval_minutes: Type.Optional(Type.Number({ minimum: 1, maximum: 100_000, description: 'Mean time between bursts (default 90).' })),
          burst_duration_seconds: Type.Optional(Type.Number({ minimum: 1, maximum: 86_400, description: 'Mean burst length (default 180).' })),
          burst_multiplier: Type.Optional(Type.Number({ minimum: 1, maximum: 100, description: 'Traffic multiplier in a burst (default 3).' })),
        },
        { additionalProperties: false },
      ),
    ),
    service_sources: Type.Optional(Type.Array(ServiceName, { minItems: 1, uniqueItems: true, description: 'Services whose ordinary traffic is written (default all 11).' })),
    population: Type.Optional(
      Type.Object(
        {
          customers: Type.Optional(Type.Integer({ minimum: 10, maximum: 100_000, description: 'default 5000; at most 100,000 (building a population costs about 13 µs per customer on the event loop)' })),
          employees: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: 'default 40' })),
        },
        { additionalProperties: false },
      ),
    ),
    anomaly_scenarios: Type.Optional(Type.Array(ScenarioInput, { maxItems: 200, description: 'Changes to the 16 built-in scenarios (matched by id) and added scenarios.' })),
  },
  { additionalProperties: false },
)

export type SimulatorConfigInput = Static<typeof SimulatorConfigInput>
export type ScenarioInput = Static<typeof ScenarioInput>
export type GenericParams = Static<typeof GenericParams>
