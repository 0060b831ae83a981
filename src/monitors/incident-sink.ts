import type { Evidence } from '../incidents/incident-schema.js'
import type { MonitorConfig } from './monitor-config.js'

/** A regression the engine localised, as the incidents module receives it. */
export interface IncidentCandidate {
  readonly type: string
  readonly direction: 'increase' | 'decrease'
  readonly dimensions: Record<string, string>
  /** Estimated change point, ISO 8601 (event time). */
  readonly started_at: string
  /** Event time of the alarm, ISO 8601. */
  readonly detected_at: string
  readonly requests_to_detect: number
  readonly evidence: Evidence
  /** True when this broader combination was shown to hold the regression beyond an open incident inside it: the incident widens. */
  readonly widens?: boolean
}

/** A monitor as the incidents module needs it. */
export interface MonitorRef {
  readonly name: string
  readonly config: MonitorConfig
}

/** Where the engine sends what it finds: the incidents use case (defined here, by its user). */
export interface IncidentSink {
  report(candidate: IncidentCandidate, monitor: MonitorRef): Promise<unknown>
  /** Once a minute per reported combination: whether its metric is back in range (for auto-resolve, on event time). */
  observe(monitor: string, type: string, dimensions: Record<string, string>, at: string, inRange: boolean, config: MonitorConfig): Promise<unknown> | unknown
}
