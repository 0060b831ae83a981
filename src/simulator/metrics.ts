/**
 * The `metrics` object of every log record. Every record carries every key
 * (null where it does not apply), so JSON lines, CSV and Parquet have one
 * fixed schema. Some values are measured by the service that writes the
 * line (response time, amount); the windowed ones are computed from the
 * stream itself (see `traffic-observer.ts`), so an incident moves them the way
 * it would in a real system.
 */
/** A metrics object with every key null, in output order (a literal, so records share one shape). */
export function emptyMetrics(): Metrics {
  return {
    response_time_ms: null,
    status_code: null,
    bytes_transferred: null,
    requests_per_minute: null,
    error_rate: null,
    failed_attempts: null,
    unique_ips: null,
    unique_users: null,
    success_rate: null,
    geo_velocity_kmh: null,
    new_device: null,
    amount: null,
    risk_score: null,
    distinct_cards: null,
    decline_rate: null,
    records_accessed: null,
    db_connections: null,
    replication_lag_ms: null,
    cache_hit_rate: null,
    cpu_percent: null,
    files_modified: null,
    new_destination: null,
  }
}

/** The metric names, in output order. */
export const METRIC_NAMES = Object.keys(emptyMetrics()) as readonly MetricName[]

export type MetricName =
  | 'response_time_ms'
  | 'status_code'
  | 'bytes_transferred'
  | 'requests_per_minute'
  | 'error_rate'
  | 'failed_attempts'
  | 'unique_ips'
  | 'unique_users'
  | 'success_rate'
  | 'geo_velocity_kmh'
  | 'new_device'
  | 'amount'
  | 'risk_score'
  | 'distinct_cards'
  | 'decline_rate'
  | 'records_accessed'
  | 'db_connections'
  | 'replication_lag_ms'
  | 'cache_hit_rate'
  | 'cpu_percent'
  | 'files_modified'
  | 'new_destination'

export type Metrics = Record<MetricName, number | null>

/** Metrics whose values are whole numbers (INTEGER columns in CSV/Parquet). */
export const INTEGER_METRICS: ReadonlySet<MetricName> = new Set<MetricName>([
  'status_code',
  'bytes_transferred',
  'requests_per_minute',
  'failed_attempts',
  'unique_ips',
  'unique_users',
  'new_device',
  'distinct_cards',
  'records_accessed',
  'db_connections',
  'files_modified',
  'new_destination',
])

/** What each metric means, for GET /simulator/scenarios and docs/scenarios.md. */
export const METRIC_DESCRIPTIONS: Record<MetricName, string> = {
  response_time_ms: 'time the service took to answer',
  status_code: 'HTTP-style status of the operation',
  bytes_transferred: 'bytes sent or received by the operation',
  requests_per_minute: 'rows from this ip_address in the last 60 s (computed from the stream)',
  error_rate: "share of this service's rows with status >= 400 in the last 5 min (computed)",
  failed_attempts: 'failed logins for this user_id in the last 15 min (login rows, computed)',
  unique_ips: 'distinct IPs that tried to log in as this user_id in the last 15 min (login rows, computed)',
  unique_users: 'distinct user_ids tried from this ip_address in the last 15 min (login rows, computed)',
  success_rate: 'share of successful logins for this user_id in the last 15 min (login rows, computed)',
  geo_velocity_kmh: "speed implied by the distance from this customer's previous location (customer rows, computed; time floored at 1 min)",
  new_device: '1 when the device fingerprint was never seen for this user (computed)',
  amount: 'transaction or card amount (USD)',
  risk_score: "the fraud engine's score, 0-1 (fraud-detection-service)",
  distinct_cards: 'distinct cards authorised from this ip_address in the last 60 min (payment rows, computed)',
  decline_rate: 'share of declined authorisations from this ip_address in the last 60 min (payment rows, computed)',
  records_accessed: 'customer records read by the request (customer-data-service)',
  db_connections: 'active connections of the 100-connection pool (database-service)',
  replication_lag_ms: 'how far the read replica is behind the primary (database-service health)',
  cache_hit_rate: 'hit rate over the last interval (cache-service stats)',
  cpu_percent: 'CPU use of the host writing the line (database, cache, file storage)',
  files_modified: 'files written or renamed by the operation in the last minute (file-storage-service)',
  new_destination: '1 when an outbound transfer goes to a host never seen before (computed)',
}
