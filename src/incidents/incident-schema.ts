import { Type, type Static } from 'typebox'

const Time = Type.String({ format: 'date-time' })

/** One minute of the metric in the incident's combination, with the normal range the baseline expected. */
export const EvidencePoint = Type.Object({
  minute: Time,
  requests: Type.Integer({ minimum: 0 }),
  value: Type.Union([Type.Number(), Type.Null()], { description: 'The metric that minute: error rate, share of slow requests, or request count (null: no requests).' }),
  expected: Type.Union([Type.Number(), Type.Null()], { description: 'What the baseline expected (null before the baseline had history).' }),
  low: Type.Union([Type.Number(), Type.Null()], { description: 'Lower end of the normal range (99.9% interval of the baseline for that many requests).' }),
  high: Type.Union([Type.Number(), Type.Null()], { description: 'Upper end of the normal range.' }),
})

export const Evidence = Type.Object(
  {
    metric: Type.String({ description: "What `value` measures: 'error_rate_5xx', 'error_rate_4xx', 'share_above_baseline_p95', 'requests_per_minute'." }),
    series: Type.Array(EvidencePoint, { description: 'The metric per minute in this combination, before and after the change.' }),
    baseline: Type.Number({ description: 'The normal value before the change (rate, share or requests per minute).' }),
    observed: Type.Number({ description: 'The value since the change point.' }),
    effect: Type.Number({ description: 'observed / baseline (for traffic drops below 1).' }),
    requests_since_change: Type.Integer({ minimum: 0 }),
    events_since_change: Type.Number({ description: 'Errors, slow requests, or requests counted since the change point.' }),
    expected_since_change: Type.Number({ description: 'What the baseline expected of `events_since_change`.' }),
    statistic: Type.Number({ description: 'The sequential test statistic when it alarmed (log-likelihood ratio).' }),
    threshold: Type.Number({ description: 'The alarm threshold of the statistic.' }),
    p_value: Type.Number({ description: 'Probability of at least this much under the baseline (nominal; the threshold controls false alarms).' }),
    latency_p95_baseline_ms: Type.Optional(Type.Number()),
    latency_p95_observed_ms: Type.Optional(Type.Number()),
    share_of_monitor_traffic: Type.Number({ description: "The combination's share of the monitor's requests since the change." }),
  },
  { additionalProperties: true },
)

export const Delivery = Type.Object({
  at: Time,
  event: Type.String({ description: 'opened, updated, resolved' }),
  attempt: Type.Integer({ minimum: 1 }),
  status: Type.Union([Type.Integer(), Type.Null()], { description: "The webhook's HTTP status (null: no answer)." }),
  error: Type.Optional(Type.String()),
})

export const IncidentStatus = Type.Union([Type.Literal('open'), Type.Literal('acknowledged'), Type.Literal('resolved')])

export const Incident = Type.Object(
  {
    incident_id: Type.String(),
    monitor: Type.String(),
    type: Type.String({ description: 'system_errors, user_errors, latency, traffic (or a plugin detector or abuse type).' }),
    status: IncidentStatus,
    severity: Type.Integer({ minimum: 1, maximum: 4 }),
    title: Type.String({ description: "003's form: 'Sev 2 - Increase in system errors | Partner = cart | PIType = mc | Country = CA'." }),
    dimensions: Type.Record(Type.String(), Type.String(), { description: 'The combination that explains the regression ({} = the whole service).' }),
    direction: Type.Union([Type.Literal('increase'), Type.Literal('decrease')]),
    started_at: Time,
    detected_at: Time,
    updated_at: Time,
    resolved_at: Type.Optional(Time),
    acknowledged_at: Type.Optional(Time),
    requests_to_detect: Type.Integer({ minimum: 0, description: 'Requests in the combination from the estimated change point to detection.' }),
    evidence: Evidence,
    deliveries: Type.Array(Delivery, { description: 'Webhook delivery log (the last 50 attempts).' }),
  },
  { $id: 'Incident' },
)

export type Incident = Static<typeof Incident>
export type Evidence = Static<typeof Evidence>
export type EvidencePoint = Static<typeof EvidencePoint>
export type IncidentStatus = Static<typeof IncidentStatus>
export type Delivery = Static<typeof Delivery>
