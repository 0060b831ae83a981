import { Type, type Static } from 'typebox'
import { EntityConfig } from '../abuse/entity-config.js'
import { PrivacyConfigFields } from '../privacy/privacy-config.js'
import { ID_PATTERN } from '../store/ids.js'

/** 003's seven dimensions: the default of a new monitor. */
export const DEFAULT_DIMENSIONS = ['partner', 'country', 'operation', 'pi_type', 'flight', 'region', 'instance'] as const

/** The detectors every monitor runs unless its config names others: 003's four regressions and its three abuse types (which count nothing in events without their fields). */
export const DEFAULT_DETECTORS = ['system_errors', 'user_errors', 'latency', 'traffic', 'card_testing', 'ddos', 'fuzzing'] as const

const FieldName = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f]+$' })

/** A severity rule: the first rule whose `when` matches an incident sets its severity. */
export const SeverityRule = Type.Object(
  {
    when: Type.Object(
      {
        type: Type.Optional(Type.String({ minLength: 1, description: 'Incident type the rule applies to (system_errors, user_errors, latency, traffic, …).' })),
        dimensions: Type.Optional(
          Type.Record(FieldName, Type.String(), {
            description: "Dimension values the incident's combination must contain (it may name more); e.g. {\"operation\": \"add_pi\"}.",
          }),
        ),
      },
      { additionalProperties: false },
    ),
    severity: Type.Integer({ minimum: 1, maximum: 4, description: 'IcM-style severity: 1 = most severe.' }),
  },
  { additionalProperties: false },
)

/** A working monitor config, as the OpenAPI example of PUT /monitors/{name}. */
export const MONITOR_CONFIG_EXAMPLE = {
  description: 'PX payment-instrument API',
  dimensions: [...DEFAULT_DIMENSIONS],
  severity: { default: 3, rules: [{ when: { type: 'system_errors', dimensions: { operation: 'add_pi' } }, severity: 2 }] },
}

export const MonitorConfig = Type.Object(
  {
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    timestamp_field: Type.String({ minLength: 1, default: 'timestamp', description: 'Event time, ISO 8601 (UTC when no zone) or epoch milliseconds. Detection runs on event time, never on the wall clock.' }),
    dimensions: Type.Array(FieldName, {
      minItems: 1,
      maxItems: 16,
      uniqueItems: true,
      default: [...DEFAULT_DIMENSIONS],
      description: "Fields that split the traffic; regressions are found in any combination of their values. Add one (e.g. a new SDK version field) by changing this list: no code change. An event missing a dimension counts under the value '(none)'.",
    }),
    status_field: Type.String({ minLength: 1, default: 'status', description: 'HTTP status code of the request: 5xx = system error, 4xx = user error.' }),
    latency_field: Type.String({ minLength: 1, default: 'latency_ms', description: 'Request latency in milliseconds (optional per event; events without it do not count for latency).' }),
    detectors: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      uniqueItems: true,
      default: [...DEFAULT_DETECTORS],
      description: 'Regression detectors to run, by name (GET /monitors/detectors lists them).',
    }),
    max_depth: Type.Integer({
      minimum: 1,
      maximum: 16,
      default: 4,
      description: 'Largest number of dimensions combined in one tested combination (003\'s examples need up to 4).',
    }),
    severity: Type.Object(
      {
        default: Type.Integer({ minimum: 1, maximum: 4, default: 3 }),
        rules: Type.Array(SeverityRule, { maxItems: 200, default: [], description: 'First matching rule wins.' }),
        breadth_bump: Type.Boolean({
          default: true,
          description: 'Raise the severity by one (never above 1) when the incident covers at least 25% of the monitor\'s traffic.',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    webhook: Type.Optional(
      Type.Object(
        {
          url: Type.String({ format: 'uri', pattern: '^https?://', description: 'Receives each incident as JSON when it opens, escalates or resolves.' }),
          secret: Type.Optional(Type.String({ minLength: 16, description: 'Signs each delivery: header X-Vigil-Signature: sha256=<HMAC-SHA256 of the body>.' })),
        },
        { additionalProperties: false },
      ),
    ),
    resolve_after_minutes: Type.Integer({ minimum: 1, maximum: 10_080, default: 15, description: 'An open incident resolves once its metric has been back in range this long (event time).' }),
    retention_days: Type.Integer({ minimum: 1, maximum: 3650, default: 30, description: 'Per-minute aggregates older than this (event time) are deleted.' }),
    ...PrivacyConfigFields,
    entities: EntityConfig,
    alpha: Type.Number({
      exclusiveMinimum: 0,
      maximum: 0.01,
      default: 1e-5,
      description: 'False-alarm probability of one test: small because thousands of combinations are tested each minute.',
    }),
  },
  { additionalProperties: false, examples: [MONITOR_CONFIG_EXAMPLE] },
)

export type MonitorConfig = Static<typeof MonitorConfig>

export const MONITOR_NAME_PATTERN = ID_PATTERN
