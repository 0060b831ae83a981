import type { MetricName } from './metrics.js'
import type { LogLevel, ServiceName } from './services.js'

/** What kind of operation a row records; decides which windowed metrics it gets. */
export type DraftKind =
  | 'http'
  | 'login'
  | 'account'
  | 'transfer'
  | 'card'
  | 'fraud'
  | 'pii'
  | 'notify'
  | 'file'
  | 'query'
  | 'db_health'
  | 'cache_stats'

/** Metrics a service measures itself (the windowed ones are computed by the observer). */
export type MeasuredMetric = Extract<
  MetricName,
  | 'response_time_ms'
  | 'status_code'
  | 'bytes_transferred'
  | 'amount'
  | 'risk_score'
  | 'records_accessed'
  | 'db_connections'
  | 'replication_lag_ms'
  | 'cache_hit_rate'
  | 'cpu_percent'
  | 'files_modified'
>

/**
 * A log line before the stream has seen it: the facts of one operation.
 * The observer adds the windowed metrics and the renderer the ids, so the
 * traces of an incident come from what happened, not from a flag.
 */
export interface Draft {
  /** Epoch milliseconds. */
  readonly time: number
  readonly service: ServiceName
  readonly kind: DraftKind
  readonly level: LogLevel
  readonly message: string
  readonly userId: string | null
  readonly ip: string
  readonly geo: string
  readonly correlationId: string
  readonly measured: Partial<Record<MeasuredMetric, number>>
  /** Login rows: whether the credentials were accepted. */
  readonly login?: { readonly success: boolean }
  /** Card authorisations: which card, and whether it was declined. */
  readonly card?: { readonly token: string; readonly declined: boolean }
  /** Device fingerprint of user-facing requests. */
  readonly device?: string
  /** Outbound transfers: the receiving host. */
  readonly destination?: string
  /** Set on rows an incident planted: how plainly the row shows it (0-1). */
  readonly anomaly?: { readonly confidence: number }
}
