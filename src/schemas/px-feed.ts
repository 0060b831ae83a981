import { Type } from 'typebox'
import { PxDimensionsInput, PxTrafficConfigInput } from '../simulator/px/config-schema.js'
import { REGRESSION_TYPES } from '../simulator/px/regression.js'

const Name = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$', description: 'The monitor that receives the events (PUT /monitors/{name} first).' })

export const PxFeedBody = Type.Object(
  {
    monitor: Name,
    config: Type.Optional({ ...PxTrafficConfigInput, description: "The PX simulator's config (docs/regressions-simulator.md): duration, rate, seed, presets ('003' = 003's four examples) and regressions to inject. Default: a week at 30 requests/s with no regression." }),
    speed: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 1e6, description: 'Event-time seconds per wall-clock second (1 = real time, 60 = a simulated minute per second). Left out: as fast as the monitor takes the events.' }),
    ),
    batch_events: Type.Optional(Type.Integer({ minimum: 100, maximum: 50_000, default: 5000, description: 'Events per batch handed to the monitor.' })),
  },
  {
    additionalProperties: false,
    description: 'Stream simulated PX traffic into a monitor.',
    examples: [{ monitor: 'px', config: { duration_minutes: 1440, rate_per_second: 30, presets: ['003'], seed: 1 } }],
  },
)

const RegressionView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    source: Type.Union([Type.Literal('003'), Type.Literal('random'), Type.Literal('config')]),
    type: Type.Enum(REGRESSION_TYPES),
    direction: Type.Union([Type.Literal('up'), Type.Literal('down')]),
    dimensions: PxDimensionsInput,
    start: Type.String({ format: 'date-time' }),
    end: Type.String({ format: 'date-time' }),
    effect: Type.Object(
      {
        rate: Type.Optional(Type.Number()),
        baseline_rate: Type.Optional(Type.Number()),
        status: Type.Optional(Type.Integer()),
        multiplier: Type.Optional(Type.Number()),
        baseline_latency_ms: Type.Optional(Type.Number()),
      },
      { description: 'rate, baseline_rate and status for errors; multiplier (and baseline_latency_ms) for latency and traffic.' },
    ),
    expected_rpm: Type.Number(),
    expected_requests: Type.Number(),
    traffic_share: Type.Number(),
  },
  { description: 'Ground truth of one injected regression.' },
)

const Time = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])

export const PxFeedView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    monitor: Type.String(),
    state: Type.Union([Type.Literal('running'), Type.Literal('finished'), Type.Literal('stopped'), Type.Literal('failed')]),
    speed: Type.Union([Type.Number(), Type.Null()], { description: 'null: as fast as the monitor takes the events.' }),
    started_at: Type.String({ format: 'date-time' }),
    finished_at: Time,
    event_start: Type.String({ format: 'date-time' }),
    event_end: Type.String({ format: 'date-time' }),
    event_time: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Event time of the last event handed to the monitor.' }),
    events_sent: Type.Integer({ minimum: 0 }),
    waits: Type.Integer({ minimum: 0, description: "Times the monitor's queue was full and the feed waited instead of dropping events." }),
    error: Type.Union([Type.String(), Type.Null()]),
    regressions: Type.Array(RegressionView, { description: 'What was injected: compare with GET /incidents?monitor=…' }),
  },
  {
    description: 'A simulator feed: its progress and its ground truth.',
    examples: [
      {
        id: '3b0c7a9e-2f41-4c1e-9d7a-5a0e8f1d2c34',
        monitor: 'px',
        state: 'running',
        speed: null,
        started_at: '2026-12-07T09:00:00.000Z',
        finished_at: null,
        event_start: '2025-01-06T00:00:00.000Z',
        event_end: '2025-01-07T00:00:00.000Z',
        event_time: '2025-01-06T03:12:40.512Z',
        events_sent: 345_000,
        waits: 0,
        error: null,
        regressions: [
          {
            id: '003-1',
            name: '003 example 1: Edit PI returns 5xx for Mastercard in Canada on DIME',
            source: '003',
            type: 'system_errors',
            direction: 'up',
            dimensions: { operation: 'edit_pi', pi_type: 'mc', country: 'CA', partner: 'dime' },
            start: '2025-01-06T14:00:00.000Z',
            end: '2025-01-06T16:00:00.000Z',
            effect: { rate: 0.2, baseline_rate: 0.004 },
            expected_rpm: 3.1,
            expected_requests: 372,
            traffic_share: 0.0017,
          },
        ],
      },
    ],
  },
)

export const PxFeedList = Type.Object(
  { feeds: Type.Array(PxFeedView) },
  { description: 'Running feeds and the last finished ones.', examples: [{ feeds: (PxFeedView as { readonly examples?: readonly unknown[] }).examples ?? [] }] },
)

export const PxFeedParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'Feed id from POST /simulator/px.' }) }, { additionalProperties: false })
