/** A detector's alarm on one combination, in the terms evidence and localisation need. */
export interface Alarm {
  /** Detector name (the incident type). */
  readonly detector: string
  readonly kind: 'rate' | 'count'
  readonly combo: number
  readonly direction: 'increase' | 'decrease'
  /** Event time of the alarm, ms. */
  readonly time: number
  /** Estimated change point (event time, ms). */
  readonly startedAt: number
  readonly statistic: number
  readonly threshold: number
  /** Requests in the combination since the change point. */
  readonly requestsSince: number
  /** Events (errors, slow requests; requests for traffic) since the change point. */
  readonly eventsSince: number
  /** What the baseline expected of eventsSince. */
  readonly expectedSince: number
  /** Baseline value: share for rates, requests per minute for traffic. */
  readonly baseline: number
  /** Observed value since the change point, same unit. */
  readonly observed: number
  /** Rate alarms: the combination's cumulative requests and events at the change point (to count them up to now). */
  readonly atStart?: { readonly requests: number; readonly events: number }
}
