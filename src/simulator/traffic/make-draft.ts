import type { Draft, DraftKind, MeasuredMetric } from '../draft.js'
import { levelFor, type LogLevel, type ServiceName } from '../services.js'
import { round } from '../sample.js'

/** The facts of one row; everything not given takes the ordinary value. */
export interface DraftInit {
  readonly time: number
  readonly service: ServiceName
  readonly kind: DraftKind
  readonly message: string
  readonly userId: string | null
  readonly ip: string
  readonly geo: string
  readonly correlationId: string
  readonly responseMs: number
  readonly bytes: number
  readonly status?: number
  readonly level?: LogLevel
  readonly measured?: Partial<Record<MeasuredMetric, number>>
  readonly login?: Draft['login']
  readonly card?: Draft['card']
  readonly device?: string
  readonly destination?: string
  readonly anomaly?: Draft['anomaly']
}

/** A {@link Draft} with status 200 and the level that status implies unless told otherwise. */
export function makeDraft(init: DraftInit): Draft {
  const status = init.status ?? 200
  return {
    time: Math.round(init.time),
    service: init.service,
    kind: init.kind,
    level: init.level ?? levelFor(status),
    message: init.message,
    userId: init.userId,
    ip: init.ip,
    geo: init.geo,
    correlationId: init.correlationId,
    measured: { response_time_ms: round(init.responseMs, 1), status_code: status, bytes_transferred: Math.round(init.bytes), ...init.measured },
    ...(init.login ? { login: init.login } : {}),
    ...(init.card ? { card: init.card } : {}),
    ...(init.device !== undefined ? { device: init.device } : {}),
    ...(init.destination !== undefined ? { destination: init.destination } : {}),
    ...(init.anomaly ? { anomaly: init.anomaly } : {}),
  }
}

/** The same draft marked as planted by an incident. */
export function planted(d: Draft, confidence: number): Draft {
  return { ...d, anomaly: { confidence: round(Math.min(1, Math.max(0, confidence)), 2) } }
}
