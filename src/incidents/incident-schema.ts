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
    share_of_monitor_traffic: Type.Number({ description: "The combination's share of the monitor's requests since the change (0.25 or more raises the severity by one when the monitor's breadth_bump is on)." }),
    entity_field: Type.Optional(Type.String({ description: 'Abuse incidents: the entity field (user_id, ip, card_holder_name).' })),
    entity: Type.Optional(Type.String({ description: 'Abuse incidents: the entity, by pseudonym (ps_…) when the field is personal.' })),
    share_suspect: Type.Optional(Type.Number({ description: "Abuse incidents: share of the entity's recent requests that are suspect (failed new cards, costly calls, malformed and failing)." })),
    baseline_share: Type.Optional(Type.Number({ description: "Abuse incidents: the share it was held to (the larger of the population's and its own past share)." })),
    population_share: Type.Optional(Type.Number({ description: 'Abuse incidents: suspect share over all entities.' })),
    own_share: Type.Optional(Type.Number({ description: "Abuse incidents: the entity's own suspect share before the recent window." })),
    population_count_p50: Type.Optional(Type.Number({ description: "Abuse incidents: median of active entities' recent suspect counts." })),
    population_count_p99: Type.Optional(Type.Number({ description: "Abuse incidents: 99th percentile of active entities' recent suspect counts (the population's range)." })),
    own_expected_count: Type.Optional(Type.Number({ description: "Abuse incidents: the recent count the entity's own history predicts." })),
    p_count: Type.Optional(Type.Number({ description: "Abuse incidents: p-value of the entity's suspect count (Poisson, against the larger baseline)." })),
    p_share: Type.Optional(Type.Number({ description: "Abuse incidents: p-value of its suspect share (binomial); p_value is the larger of the two." })),
    active_entities: Type.Optional(Type.Integer({ minimum: 0, description: 'Abuse incidents: active entities in the field (the Bonferroni count).' })),
    window_minutes: Type.Optional(Type.Number({ description: 'Abuse incidents: time constant of the recent counts (half-life / ln 2), minutes.' })),
    distinct_new_cards: Type.Optional(Type.Integer({ minimum: 0, description: 'Card testing: cards new to the entity in the evidence series.' })),
    requests_by_entity: Type.Optional(Type.Integer({ minimum: 0, description: 'Abuse incidents: requests of the entity since it was first seen.' })),
    related_entities: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String({ description: 'The entity field.' }),
          entity: Type.String({ description: 'The entity, by pseudonym when the field is personal.' }),
          suspect_requests: Type.Number({ minimum: 0, description: 'Its suspect requests: its recent count when it joined the incident, plus every one since.' }),
        }),
        {
          maxItems: 20,
          description:
            "Abuse incidents: other entities of the same attack (a user's proxy addresses, an address's throwaway accounts, a card-holder name's addresses) that alarmed too but sent most of their suspect requests with this incident's entity: listed here instead of opening incidents of their own (the largest 20).",
        },
      ),
    ),
    related_entities_total: Type.Optional(Type.Integer({ minimum: 0, description: 'Abuse incidents: every related entity folded into this incident, listed or not.' })),
    first_request_at: Type.Optional(Type.String({ format: 'date-time', description: "Abuse incidents: the entity's first request kept (event time)." })),
    latest_request_at: Type.Optional(Type.String({ format: 'date-time', description: "Abuse incidents: the entity's latest suspect request at this detection (event time)." })),
  },
  { additionalProperties: true },
)

export const DeliveryEvent = Type.Union([Type.Literal('opened'), Type.Literal('updated'), Type.Literal('resolved')], {
  description: 'opened: a new incident; updated: escalated or refined (not every absorbed detection); resolved: by hand or automatically.',
})

/** One attempt to deliver an event to the monitor's webhook. */
export const Delivery = Type.Object({
  at: Time,
  event: DeliveryEvent,
  delivery_id: Type.String({ description: 'Same on every attempt of one event (header X-Vigil-Delivery), so a receiver can drop duplicates.' }),
  attempt: Type.Integer({ minimum: 1 }),
  status: Type.Union([Type.Integer(), Type.Null()], { description: "The webhook's HTTP status (null: no answer)." }),
  duration_ms: Type.Optional(Type.Number({ minimum: 0 })),
  error: Type.Optional(Type.String({ description: 'Why the attempt failed, and whether another one follows.' })),
})

export const IncidentStatus = Type.Union([Type.Literal('open'), Type.Literal('acknowledged'), Type.Literal('resolved')])

export const TimelineEvent = Type.Object({
  at: Time,
  event: Type.Union([Type.Literal('opened'), Type.Literal('refined'), Type.Literal('escalated'), Type.Literal('acknowledged'), Type.Literal('resolved')]),
  severity: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
  dimensions: Type.Optional(Type.Record(Type.String(), Type.String())),
  note: Type.Optional(Type.String()),
})

export const Incident = Type.Object(
  {
    incident_id: Type.String({ description: 'Sorts like detected_at (newest last); one safe path segment.' }),
    monitor: Type.String(),
    type: Type.String({ description: 'system_errors, user_errors, latency, traffic (or a plugin detector or abuse type).' }),
    status: IncidentStatus,
    severity: Type.Integer({ minimum: 1, maximum: 4, description: '1 = most severe. Set by the monitor\'s severity rules; only ever raised automatically (escalation), never lowered.' }),
    severity_reason: Type.String({ description: "Which rule set the severity: 'rule 1' (1-based, in the monitor's severity.rules), 'default', plus ' + breadth bump' when the combination carried at least 25% of the monitor's traffic." }),
    title: Type.String({ description: "003's form: 'Sev 2 - Increase in system errors | Partner = cart | PIType = mc | Country = CA'." }),
    dimensions: Type.Record(Type.String(), Type.String(), { description: 'The combination that explains the regression ({} = the whole service).' }),
    direction: Type.Union([Type.Literal('increase'), Type.Literal('decrease')]),
    started_at: Type.String({ format: 'date-time', description: 'Estimated change point (event time).' }),
    detected_at: Type.String({ format: 'date-time', description: 'When the test alarmed, in event time (the time of the request that tipped it).' }),
    last_seen_at: Type.String({ format: 'date-time', description: 'Event time of the latest detection this incident absorbed.' }),
    updated_at: Type.String({ format: 'date-time', description: 'Wall-clock time of the last change to this record.' }),
    acknowledged_at: Type.Optional(Type.String({ format: 'date-time', description: 'Wall-clock time of POST /incidents/{id}/ack.' })),
    ack_note: Type.Optional(Type.String()),
    resolved_at: Type.Optional(Type.String({ format: 'date-time', description: 'Auto: the event time at which the metric had been back in range for resolve_after_minutes. Manual: the wall-clock time of the request.' })),
    resolved_by: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('manual')])),
    resolve_note: Type.Optional(Type.String()),
    in_range_since: Type.Optional(Type.String({ format: 'date-time', description: 'Event time since which the metric has been back in its normal range (the auto-resolve clock); absent while it is out of range.' })),
    requests_to_detect: Type.Integer({ minimum: 0, description: 'Requests in the combination from the estimated change point to detection.' }),
    absorbed: Type.Integer({ minimum: 0, description: 'Later detections of the same regression (same or related combination) folded into this incident instead of opening another.' }),
    evidence: Evidence,
    timeline: Type.Array(TimelineEvent, { description: 'Opened, refined, escalated, acknowledged, resolved (the last 100).' }),
    deliveries: Type.Array(Delivery, { description: 'Webhook delivery log (the last 50 attempts).' }),
  },
  { $id: 'Incident' },
)

export type Incident = Static<typeof Incident>
export type Evidence = Static<typeof Evidence>
export type EvidencePoint = Static<typeof EvidencePoint>
export type IncidentStatus = Static<typeof IncidentStatus>
export type Delivery = Static<typeof Delivery>
export type DeliveryEvent = Static<typeof DeliveryEvent>
export type TimelineEvent = Static<typeof TimelineEvent>
