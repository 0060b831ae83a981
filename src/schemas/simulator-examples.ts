/** Realistic bodies of the simulator routes for the OpenAPI document (taken from a running server, shortened). */
const scenario = {
  id: 'BANK-001',
  name: 'Login Failure Spike',
  type: 'Suspicious Transaction',
  category: 'security_authentication',
  severity: 'High',
  frequency_weight: 40,
  enabled: true,
  builtin: true,
  pattern: 'login_failure_spike',
  expected_share: 0.1294,
  traces: "failed logins across many customers within minutes, each from the customer's usual address; auth-service error_rate and response_time_ms jump",
  description: null,
}

export const exampleScenarioList = {
  global_anomaly_rate: 0.08,
  logs_per_second: 10,
  scenarios: [scenario],
  patterns: [{ id: 'login_failure_spike', traces: scenario.traces }],
  metrics: { response_time_ms: 'time the service took to answer', status_code: 'HTTP-style status of the operation', bytes_transferred: 'bytes sent or received by the operation' },
}

export const exampleSimulatedDataset = {
  dataset_id: 'a200f891-fbd7-402c-900e-c4f2d3b80a82',
  original_name: 'banking-logs-seed7-100000.parquet',
  format: 'parquet',
  rows: 100000,
  size_bytes: 9874122,
  sha256: '1e15fccd4c02cb3e094de96a3705987ed23013d6a83194db872cfebfbd0ace7f',
  created_at: '2026-11-21T10:12:00.000Z',
  label_columns: ['anomaly_details.is_anomaly', 'anomaly_details.anomaly_id', 'anomaly_details.anomaly_type', 'anomaly_details.anomaly_name', 'anomaly_details.category', 'anomaly_details.severity', 'anomaly_details.confidence'],
  summary: {
    seed: 7,
    rows: 100000,
    anomalies: 8013,
    anomaly_rate: 0.0801,
    first_timestamp: '2025-01-06T00:00:00.000Z',
    last_timestamp: '2025-01-06T02:46:39.412Z',
    scenarios: [{ id: 'BANK-001', name: 'Login Failure Spike', rows: 1031, share: 0.1287, expected_share: 0.1294 }],
  },
  message: 'generated 100000 rows (8013 anomalous) with seed 7; train with POST /train/a200f891-fbd7-402c-900e-c4f2d3b80a82 and explicit feature_columns',
}

export const exampleSimulatorStatus = {
  status: 'running',
  running: true,
  started_at: '2026-11-21T10:20:00.000Z',
  uptime_seconds: 61,
  logs_generated: 612,
  anomalies_generated: 47,
  anomaly_rate: 0.0768,
  logs_per_second: 10,
  recent_logs_per_second: 10.2,
  global_anomaly_rate: 0.08,
  seed: 42,
  subscribers: 1,
}

export const exampleLogRow = {
  timestamp: '2026-11-21T10:21:01.519Z',
  source_service: 'api-gateway',
  log_level: 'INFO',
  event_id: '60fdcd70-7634-44f4-9177-79f32cc4ba5f',
  correlation_id: '99c5e147-5b2b-4b88-816f-3ad8130de115',
  user_id: 'USR-14325',
  ip_address: '77.220.252.178',
  geo_location: 'GB-LND',
  message: 'GET /v1/statements 200 (291 ms)',
  metrics: { response_time_ms: 291.1, status_code: 200, bytes_transferred: 511513, requests_per_minute: 2, error_rate: 0, geo_velocity_kmh: 0, new_device: 0 },
  anomaly_details: { is_anomaly: false, anomaly_id: null, anomaly_type: null, anomaly_name: null, category: null, severity: null, confidence: null },
}

export const exampleSse = `: vigil simulator stream\n\nid: ${exampleLogRow.event_id}\nevent: log\ndata: ${JSON.stringify(exampleLogRow)}\n\nevent: end\ndata: {"reason":"limit","rows":1,"dropped":0}\n\n`
