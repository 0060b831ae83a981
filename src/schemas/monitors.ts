import { Type, type Static } from 'typebox'
import { DEFAULT_DETECTORS, DEFAULT_DIMENSIONS, MONITOR_CONFIG_EXAMPLE, MonitorConfig } from '../monitors/monitor-config.js'
import { ID_PATTERN } from '../store/ids.js'

/** What PUT /monitors/{name} takes: every field may be left out and gets its default. */
export const MonitorConfigBody = Type.Partial(MonitorConfig, {
  additionalProperties: false,
  description: 'A monitor config. `{}` is a working monitor: 003\'s seven dimensions, the four built-in detectors, severity 3.',
  examples: [MONITOR_CONFIG_EXAMPLE],
})

export const MonitorParams = Type.Object(
  { name: Type.String({ pattern: ID_PATTERN, description: 'Monitor name: 1 to 64 letters, digits, _ or -.', examples: ['px'] }) },
  { additionalProperties: false },
)

const Time = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])

export const MonitorStatus = Type.Object({
  received_events: Type.Integer({ minimum: 0 }),
  processed_events: Type.Integer({ minimum: 0, description: 'Events the detectors have seen (the rest wait in the queue).' }),
  pending_events: Type.Integer({ minimum: 0 }),
  late_events: Type.Integer({ minimum: 0, description: 'Events older than the latest closed minute (counted, used for error and latency rates, not for that minute\'s traffic).' }),
  latest_event_at: Time,
  watermark: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Event time up to which minutes are closed: latest event minus the allowed lateness (30 s).' }),
  combinations: Type.Integer({ minimum: 0, description: 'Combinations of dimension values seen (up to max_depth dimensions each).' }),
  traffic_combinations_tested: Type.Integer({ minimum: 0, description: 'Combinations busy enough (about a request a minute) to have their own traffic test.' }),
  latency_p90_ms: Type.Union([Type.Number(), Type.Null()], { description: 'The slow-request line: the baseline 90th percentile of latency, learned from the first 2,000 latencies.' }),
  incidents_reported: Type.Integer({ minimum: 0 }),
})

export const MonitorView = Type.Object(
  {
    name: Type.String(),
    config: MonitorConfig,
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
    source: Type.Union([Type.Literal('api'), Type.Literal('file')], { description: 'api: PUT /monitors/{name}; file: monitors.json at start.' }),
    status: MonitorStatus,
  },
  {
    description: 'A monitor: its config (defaults filled in) and what its detection is doing.',
    examples: [
      {
        name: 'px',
        config: {
          timestamp_field: 'timestamp',
          dimensions: [...DEFAULT_DIMENSIONS],
          status_field: 'status',
          latency_field: 'latency_ms',
          detectors: [...DEFAULT_DETECTORS],
          max_depth: 4,
          severity: { default: 3, rules: [{ when: { type: 'system_errors', dimensions: { operation: 'add_pi' } }, severity: 2 }], breadth_bump: true },
          resolve_after_minutes: 15,
          retention_days: 30,
          alpha: 1e-5,
        },
        created_at: '2026-12-07T09:00:00.000Z',
        updated_at: '2026-12-07T09:00:00.000Z',
        source: 'api',
        status: {
          received_events: 1_221_531,
          processed_events: 1_221_531,
          pending_events: 0,
          late_events: 0,
          latest_event_at: '2026-12-07T08:59:59.412Z',
          watermark: '2026-12-07T08:59:29.412Z',
          combinations: 412_733,
          traffic_combinations_tested: 1204,
          latency_p90_ms: 212,
          incidents_reported: 1,
        },
      },
    ],
  },
)

export const PutMonitorResponse = Type.Object(
  {
    monitor: MonitorView,
    created: Type.Boolean({ description: 'True when the monitor is new.' }),
    state: Type.Union([Type.Literal('new'), Type.Literal('kept'), Type.Literal('reset')], {
      description: 'kept: only severity, webhook, retention or resolve time changed, detection state kept; reset: dimensions, depth, detectors, alpha or field names changed, baselines start over.',
    }),
  },
  { description: 'The monitor as stored.', examples: [{ monitor: monitorExample(), created: true, state: 'new' }] },
)

export const MonitorList = Type.Object({ monitors: Type.Array(MonitorView) }, { description: 'Every monitor, by name.', examples: [{ monitors: [monitorExample()] }] })

/** MonitorView's example, for the answers that carry a monitor. */
function monitorExample(): unknown {
  return (MonitorView as { readonly examples?: readonly unknown[] }).examples?.[0]
}

export const DetectorInfo = Type.Object({
  name: Type.String(),
  kind: Type.Union([Type.Literal('rate'), Type.Literal('count'), Type.Literal('entity')], { description: 'rate and count: regressions per combination; entity: abuse by one user, IP or card holder.' }),
  metric: Type.String(),
  description: Type.String(),
})
export const DetectorList = Type.Object(
  { detectors: Type.Array(DetectorInfo) },
  {
    description: 'Registered regression detectors: name a subset in a monitor\'s `detectors`.',
    examples: [{ detectors: [{ name: 'system_errors', kind: 'rate', metric: 'error_rate_5xx', description: 'Share of requests answered with a 5xx status (system errors) rose in a combination.' }] }],
  },
)

/** One request event; the field names are the monitor's (these are the defaults). */
export const RequestEventBody = Type.Object(
  {
    timestamp: Type.Union([Type.String(), Type.Number()], { description: 'Event time: ISO 8601 (UTC when it has no zone) or epoch milliseconds.' }),
    status: Type.Integer({ description: 'HTTP status code: 5xx = system error, 4xx = user error.' }),
    latency_ms: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: true, description: 'A request: its time, its dimension values (partner, country, operation, pi_type, flight, region, instance by default), status and latency; other fields (user_id, ip, …) are accepted and not kept.' },
)

export const EventsBody = Type.Array(Type.Unknown(), {
  description: 'A JSON array of request events (or send NDJSON with Content-Type: application/x-ndjson, one event per line). Each event is checked on its own: bad ones are counted and reported by line.',
  examples: [
    [
      { timestamp: '2026-12-07T09:00:00.120Z', partner: 'dime', country: 'CA', operation: 'edit_pi', pi_type: 'mc', flight: 'control', region: 'centralus', instance: 'px-prod-17', status: 200, latency_ms: 143 },
      { timestamp: '2026-12-07T09:00:00.410Z', partner: 'cart', country: 'US', operation: 'add_pi', pi_type: 'visa', flight: 'new_ui', region: 'eastus', instance: 'px-prod-03', status: 503, latency_ms: 2210, user_id: 'u-81f2', ip: '203.0.113.7' },
    ],
  ],
})

export const IngestResponse = Type.Object(
  {
    monitor: Type.String(),
    accepted: Type.Integer({ minimum: 0, description: 'Events queued for detection.' }),
    rejected: Type.Integer({ minimum: 0, description: 'Events refused (all counted; the first 20 listed in errors).' }),
    errors: Type.Array(Type.Object({ line: Type.Integer({ minimum: 1, description: 'NDJSON line, or position in the JSON array, from 1.' }), error: Type.String() })),
    pending_events: Type.Integer({ minimum: 0, description: 'Events waiting for detection after this batch.' }),
  },
  {
    description: 'Accepted for detection: detection runs on event time in the background; incidents appear at GET /incidents.',
    examples: [{ monitor: 'px', accepted: 1999, rejected: 1, errors: [{ line: 812, error: 'status must be an integer HTTP status code (100-599); got "OK"' }], pending_events: 1999 }],
  },
)

export type MonitorViewType = Static<typeof MonitorView>
