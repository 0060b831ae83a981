import type { Draft } from './draft.js'
import { NORMAL_DETAILS, type LogRecord } from './log-record.js'
import type { Metrics } from './metrics.js'
import type { ResolvedScenario } from './resolve-config.js'

/** Which incident planted a row. */
export interface IncidentLabel {
  readonly scenario: ResolvedScenario
  /** 1-based number of the incident in this run (004's "(#61)"). */
  readonly number: number
}

/** The log line in 004's format: facts, metrics, and the label block. */
export function renderRecord(d: Draft, metrics: Metrics, incident: IncidentLabel | null, eventId: string): LogRecord {
  const s = incident?.scenario
  return {
    timestamp: new Date(d.time).toISOString(),
    source_service: d.service,
    log_level: d.level,
    event_id: eventId,
    correlation_id: d.correlationId,
    user_id: d.userId,
    ip_address: d.ip,
    geo_location: d.geo,
    message: d.message,
    metrics,
    anomaly_details:
      s && d.anomaly && incident
        ? {
            is_anomaly: true,
            anomaly_id: s.id,
            anomaly_type: s.type,
            anomaly_name: `${s.name} (#${incident.number})`,
            category: s.category,
            severity: s.severity,
            confidence: d.anomaly.confidence,
          }
        : NORMAL_DETAILS,
  }
}
