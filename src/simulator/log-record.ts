import { Type, type Static } from 'typebox'
import { METRIC_DESCRIPTIONS, METRIC_NAMES } from './metrics.js'
import { LOG_LEVELS, SERVICE_NAMES } from './services.js'

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(schema: T) => Type.Union([schema, Type.Null()])

export const SEVERITIES = ['Low', 'Medium', 'High', 'Critical'] as const

export type Severity = (typeof SEVERITIES)[number]

/** The label block: what a scenario planted, kept in the output for evaluation (never a model input). */
export const AnomalyDetails = Type.Object({
  is_anomaly: Type.Boolean(),
  anomaly_id: Nullable(Type.String({ description: "Scenario id, e.g. 'BANK-002'." })),
  anomaly_type: Nullable(Type.String({ description: "004's scenario family, e.g. 'Suspicious Transaction'." })),
  anomaly_name: Nullable(Type.String({ description: "Scenario name and incident number, e.g. 'Brute Force Attack (#61)'." })),
  category: Nullable(Type.String({ description: "Finer category, e.g. 'security_authentication'." })),
  severity: Type.Union([Type.Enum(SEVERITIES), Type.Null()]),
  confidence: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'How plainly this row shows the incident (low early in a drift).' })),
})

export const LogMetrics = Type.Object(
  Object.fromEntries(METRIC_NAMES.map((m) => [m, Type.Union([Type.Number(), Type.Null()], { description: METRIC_DESCRIPTIONS[m] })])),
)

/** One log line in 004's format. Every key is always present. */
export const LogRecord = Type.Object({
  timestamp: Type.String({ format: 'date-time' }),
  source_service: Type.Enum(SERVICE_NAMES),
  log_level: Type.Enum(LOG_LEVELS),
  event_id: Type.String({ format: 'uuid' }),
  correlation_id: Type.String({ format: 'uuid', description: 'Shared by the rows of one request across services.' }),
  user_id: Nullable(Type.String({ description: 'USR-… customers, EMP-… staff, svc-… service accounts; null for host metrics.' })),
  ip_address: Type.String(),
  geo_location: Type.String({ description: "Country and region, e.g. 'US-CA'." }),
  message: Type.String(),
  metrics: LogMetrics,
  anomaly_details: AnomalyDetails,
})

export type AnomalyDetails = Static<typeof AnomalyDetails>

/** A log record as the generator yields it (`metrics` typed by name). */
export interface LogRecord extends Omit<Static<typeof LogRecord>, 'metrics'> {
  readonly metrics: Record<(typeof METRIC_NAMES)[number], number | null>
}

/** The label block of a normal row. */
export const NORMAL_DETAILS: Readonly<AnomalyDetails> = Object.freeze({
  is_anomaly: false,
  anomaly_id: null,
  anomaly_type: null,
  anomaly_name: null,
  category: null,
  severity: null,
  confidence: null,
})
