import { Type } from 'typebox'
import { PxDimensionsInput, PxTrafficConfigInput } from '../simulator/px/config-schema.js'
import { ATTACK_TYPES, BENIGN_KINDS, ENTITY_FIELDS } from '../simulator/px/attack.js'
import { REGRESSION_TYPES } from '../simulator/px/regression.js'

const Name = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$', description: 'The monitor that receives the events (PUT /monitors/{name} first).' })

export const PxFeedBody = Type.Object(
  {
    monitor: Name,
    config: Type.Optional({ ...PxTrafficConfigInput, description: "The PX simulator's config (docs/regressions-simulator.md): duration, rate, seed, presets ('003' = 003's four examples, '003-abuse' = 003 §2's attacks), regressions and attacks to inject. Default: a week at 30 requests/s with no regression." }),
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

const AttackView = Type.Object(
  {
    id: Type.String({ description: 'card_testing-1, ddos-2, …; events of the attack carry it as `attack` when labels are on.' }),
    type: Type.Enum(ATTACK_TYPES),
    entity_field: Type.Enum(ENTITY_FIELDS, { description: 'The event field the attack is keyed on.' }),
    entity_value: Type.String({ description: 'That field\'s value on every request of the attack.' }),
    start: Type.String({ format: 'date-time' }),
    end: Type.String({ format: 'date-time' }),
    requests_per_minute: Type.Number(),
    expected_requests: Type.Number(),
    operations: Type.Array(Type.String()),
    failure_rate: Type.Number({ description: 'card_testing: share failing validation; fuzzing: share answered 4xx; ddos: 0.' }),
    description: Type.String(),
  },
  {
    description: 'Ground truth of one attack (003 §2).',
    examples: [
      {
        id: 'card_testing-1',
        type: 'card_testing',
        entity_field: 'user_id',
        entity_value: 'u-cfb1b517',
        start: '2025-01-06T01:10:20.000Z',
        end: '2025-01-06T01:40:20.000Z',
        requests_per_minute: 20,
        expected_requests: 600,
        operations: ['add_pi'],
        failure_rate: 0.85,
        description: 'card testing: one user id (through 4 proxy addresses) adds a new card 20 times a minute on cart in US, 85% failing bank validation',
      },
    ],
  },
)

const BenignView = Type.Object(
  {
    id: Type.String(),
    kind: Type.Enum(BENIGN_KINDS),
    entity_field: Type.Union([Type.Literal('user_id'), Type.Literal('ip')]),
    entity_value: Type.String(),
    requests_per_minute: Type.Number(),
    expected_requests: Type.Number(),
    users: Type.Integer({ description: 'Distinct users behind it (1 for a batch job).' }),
    description: Type.String(),
  },
  {
    description: 'A busy but benign entity: a detector that flags it is wrong.',
    examples: [
      { id: 'corporate_ip-1', kind: 'corporate_ip', entity_field: 'ip', entity_value: '221.223.14.183', requests_per_minute: 40, expected_requests: 57600, users: 2000, description: "a company's shared address: 2000 users behind one NAT, each behaving like an ordinary user" },
    ],
  },
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
    attacks: Type.Array(AttackView, { description: "Attacks mixed in (config.attacks or the '003-abuse' preset)." }),
    benign_heavy: Type.Array(BenignView, { description: 'Busy entities that are not attacks.' }),
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
        attacks: [],
        benign_heavy: [],
      },
    ],
  },
)

export const PxFeedList = Type.Object(
  { feeds: Type.Array(PxFeedView) },
  { description: 'Running feeds and the last finished ones.', examples: [{ feeds: (PxFeedView as { readonly examples?: readonly unknown[] }).examples ?? [] }] },
)

export const PxFeedParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'Feed id from POST /simulator/px.' }) }, { additionalProperties: false })
