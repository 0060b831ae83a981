import type { Readable } from 'node:stream'
import { Type } from 'typebox'
import { SimulatorConfigInput } from '../simulator/config-schema.js'
import { LogRecord } from '../simulator/log-record.js'
import { PATTERN_IDS } from '../simulator/patterns/pattern-ids.js'
import { GenerationSummary } from '../simulator/tally.js'
import { exampleLogRow, exampleScenarioList, exampleSimulatedDataset, exampleSimulatorStatus, exampleSse } from './simulator-examples.js'

const CONFIG_DESCRIPTION = 'Simulator config (004\'s config.yaml keys in JSON): rate, logs per second, bursts, and changes to the 16 scenarios. See GET /simulator/scenarios and docs/scenarios.md.'

export const ScenarioView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.String({ description: "004's family, e.g. 'Suspicious Transaction'." }),
  category: Type.String(),
  severity: Type.String(),
  frequency_weight: Type.Number(),
  enabled: Type.Boolean(),
  builtin: Type.Boolean({ description: 'One of 004\'s 16 (false: added by a config).' }),
  pattern: Type.Enum(PATTERN_IDS),
  expected_share: Type.Number({ description: 'Share of anomalous rows this scenario is expected to plant.' }),
  traces: Type.String({ description: 'What one incident leaves in the logs.' }),
  description: Type.Union([Type.String(), Type.Null()]),
})

export const ScenarioList = Type.Object({
  global_anomaly_rate: Type.Number(),
  logs_per_second: Type.Number(),
  scenarios: Type.Array(ScenarioView),
  patterns: Type.Array(Type.Object({ id: Type.Enum(PATTERN_IDS), traces: Type.String() }), { description: 'Behaviours a config-added scenario can use.' }),
  metrics: Type.Record(Type.String(), Type.String(), { description: 'The keys of every row\'s `metrics`, and what each means.' }),
}, { title: 'ScenarioList', description: "The simulator's scenarios with their weights and traces, the patterns a config can use, and the metric keys.", examples: [exampleScenarioList] })

export const SimulatedDatasetBody = Type.Object(
  {
    rows: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 10_000, description: 'Rows to generate.' }),
    format: Type.Enum(['parquet', 'csv', 'jsonl'], { default: 'parquet', description: 'Format stored as the dataset\'s original file; the columns are the same (dot paths).' }),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295, description: 'Overrides config.seed: the same seed and config give the same rows.' })),
    config: Type.Optional({ ...SimulatorConfigInput, description: CONFIG_DESCRIPTION }),
  },
  { additionalProperties: false, title: 'SimulatedDatasetRequest', examples: [{ rows: 100_000, seed: 7 }] },
)

export const SimulatedDataset = Type.Object({
  dataset_id: Type.String(),
  original_name: Type.String(),
  format: Type.String(),
  rows: Type.Integer(),
  size_bytes: Type.Integer(),
  sha256: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  label_columns: Type.Array(Type.String(), { description: 'The anomaly_details.* columns: labels for evaluation, never model inputs.' }),
  summary: GenerationSummary,
  message: Type.String(),
}, { title: 'SimulatedDataset', description: 'The stored dataset of generated logs, with what was planted in it.', examples: [exampleSimulatedDataset] })

export const ControlBody = Type.Object(
  {
    action: Type.Enum(['start', 'stop']),
    config: Type.Optional({ ...SimulatorConfigInput, description: `${CONFIG_DESCRIPTION} Only with "start"; the live stream uses the wall clock, so start_time is ignored.` }),
  },
  { additionalProperties: false, title: 'SimulatorControlRequest', examples: [{ action: 'start' }, { action: 'start', config: { log_generation: { logs_per_second: 50 } } }] },
)

export const SimulatorStatus = Type.Object({
  status: Type.Enum(['running', 'stopped']),
  running: Type.Boolean(),
  started_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  uptime_seconds: Type.Integer(),
  logs_generated: Type.Integer({ description: 'Rows written since the last start.' }),
  anomalies_generated: Type.Integer(),
  anomaly_rate: Type.Number(),
  logs_per_second: Type.Number({ description: 'Configured mean rate.' }),
  recent_logs_per_second: Type.Number({ description: 'Measured over the last 10 s.' }),
  global_anomaly_rate: Type.Number(),
  seed: Type.Integer(),
  subscribers: Type.Integer({ description: 'Open GET /simulator/stream connections.' }),
}, { title: 'SimulatorStatus', description: 'Whether the live simulator runs, and what it has written.', examples: [exampleSimulatorStatus] })

export const ControlResponse = Type.Object(
  { ...SimulatorStatus.properties, message: Type.String() },
  { title: 'SimulatorControlResponse', description: 'The status after the action, and what happened.', examples: [{ ...exampleSimulatorStatus, uptime_seconds: 0, logs_generated: 0, anomalies_generated: 0, anomaly_rate: 0, recent_logs_per_second: 0, subscribers: 0, message: 'started: 10 logs/s, global_anomaly_rate 0.08, seed 42' }] },
)

export const StreamQuery = Type.Object(
  {
    format: Type.Enum(['ndjson', 'sse'], { default: 'ndjson', description: 'ndjson: one JSON row per line; sse: server-sent events (event: log).' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'End after this many rows.' })),
    duration_seconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 86_400, description: 'End after this long.' })),
    labels: Type.Boolean({ default: true, description: 'false: anomaly_details of every row reads as normal (a blind feed for a detector).' }),
  },
  { additionalProperties: false },
)

/**
 * The stream is sent as it is produced, never serialised by Fastify: the
 * schemas document one NDJSON line and the SSE text, while the handler's
 * static type is the stream itself.
 */
export const StreamResponse = {
  description: 'Live rows at the configured rate until limit, duration, stop or disconnect.',
  content: {
    'application/x-ndjson': { schema: Type.Unsafe<Readable>({ ...LogRecord, description: 'One row per line.' }), example: JSON.stringify(exampleLogRow) },
    'text/event-stream': { schema: Type.Unsafe<Readable>(Type.String({ description: '`event: log` with one row as `data`; `event: end` with the reason at the end.' })), example: exampleSse },
  },
}
