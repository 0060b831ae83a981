/**
 * One request of the monitored service, with the field names a Vigil monitor
 * uses by default (its config may rename timestamp, status and latency, and
 * choose other dimensions). Other fields are accepted by Vigil and not kept.
 */
export interface RequestEvent {
  /** Event time: ISO 8601 or epoch milliseconds. */
  timestamp: string | number
  /** HTTP status the service answered: 5xx = system error, 4xx = user error. */
  status: number
  latency_ms?: number
  partner?: string
  country?: string
  operation?: string
  pi_type?: string
  flight?: string
  region?: string
  instance?: string
  [field: string]: unknown
}
