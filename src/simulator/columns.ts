import type { LogRecord } from './log-record.js'
import { INTEGER_METRICS, METRIC_NAMES } from './metrics.js'

/** A flat column of CSV/Parquet output: a dot path into the record and its DuckDB type. */
export interface Column {
  readonly name: string
  readonly type: 'TIMESTAMP' | 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'BOOLEAN'
}

const TOP: readonly Column[] = [
  { name: 'timestamp', type: 'TIMESTAMP' },
  { name: 'source_service', type: 'VARCHAR' },
  { name: 'log_level', type: 'VARCHAR' },
  { name: 'event_id', type: 'VARCHAR' },
  { name: 'correlation_id', type: 'VARCHAR' },
  { name: 'user_id', type: 'VARCHAR' },
  { name: 'ip_address', type: 'VARCHAR' },
  { name: 'geo_location', type: 'VARCHAR' },
  { name: 'message', type: 'VARCHAR' },
]

const LABELS: readonly Column[] = [
  { name: 'anomaly_details.is_anomaly', type: 'BOOLEAN' },
  { name: 'anomaly_details.anomaly_id', type: 'VARCHAR' },
  { name: 'anomaly_details.anomaly_type', type: 'VARCHAR' },
  { name: 'anomaly_details.anomaly_name', type: 'VARCHAR' },
  { name: 'anomaly_details.category', type: 'VARCHAR' },
  { name: 'anomaly_details.severity', type: 'VARCHAR' },
  { name: 'anomaly_details.confidence', type: 'DOUBLE' },
]

/**
 * The flat columns, in output order. Nested fields are named by their dot
 * path (`metrics.response_time_ms`), the names dataset ingest gives nested
 * JSON, so a JSON lines file and its CSV or Parquet twin load into the same
 * columns.
 */
export const COLUMNS: readonly Column[] = [
  ...TOP,
  ...METRIC_NAMES.map((m): Column => ({ name: `metrics.${m}`, type: INTEGER_METRICS.has(m) ? 'BIGINT' : 'DOUBLE' })),
  ...LABELS,
]

/** The label columns: keep them out of model inputs (see docs/scenarios.md). */
export const LABEL_COLUMNS: readonly string[] = LABELS.map((c) => c.name)

/** The record as one flat row, values in {@link COLUMNS} order. */
export function flatValues(r: LogRecord): (string | number | boolean | null)[] {
  const d = r.anomaly_details
  return [
    r.timestamp,
    r.source_service,
    r.log_level,
    r.event_id,
    r.correlation_id,
    r.user_id,
    r.ip_address,
    r.geo_location,
    r.message,
    ...METRIC_NAMES.map((m) => r.metrics[m]),
    d.is_anomaly,
    d.anomaly_id,
    d.anomaly_type,
    d.anomaly_name,
    d.category,
    d.severity,
    d.confidence,
  ]
}
