/**
 * Realistic bodies for the OpenAPI document, shared by the schemas that
 * show them: one story throughout (002's price / volume / amount data, an
 * isolation forest trained on it, retrained, scored), so a newcomer can
 * follow the ids from one operation to the next.
 */
export const DATASET_ID = '0f8fad5b-d9cb-469f-a165-70867728950e'
export const NEW_DATASET_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7'
export const COMBINED_DATASET_ID = '3b241101-e2bb-4255-8caf-4136c566a962'
export const MODEL_ID = 'isolation_forest-3f9a2b1c0d4e'
export const JOB_ID = 'job-5d2e8a1b9c07'
const CREATED = '2026-11-21T10:00:00.000Z'

export const exampleColumns = [
  { name: 'timestamp', type: 'TIMESTAMP', kind: 'temporal' },
  { name: 'price', type: 'DOUBLE', kind: 'numeric' },
  { name: 'volume', type: 'BIGINT', kind: 'numeric' },
  { name: 'amount', type: 'BIGINT', kind: 'numeric' },
  { name: 'is_anomaly', type: 'BIGINT', kind: 'numeric' },
]

export const exampleDataset = {
  dataset_id: DATASET_ID,
  original_name: 'transactions.csv',
  format: 'csv',
  size_bytes: 84213,
  sha256: '9f2c1e7b5a04d6c3e8b7a1f0d2c4e6a8b0c2d4e6f8a0b2c4d6e8f0a2b4c6d8e0',
  rows: 2000,
  columns: exampleColumns,
  profile: [
    { name: 'timestamp', type: 'TIMESTAMP', kind: 'temporal', count: 2000, missing: 0, distinct: 2000, min: '2025-01-01 00:00:00', max: '2025-03-25 07:00:00' },
    { name: 'price', type: 'DOUBLE', kind: 'numeric', count: 2000, missing: 0, distinct: 1987, min: 61.2, max: 171.9, mean: 100.4, std: 9.8 },
    { name: 'volume', type: 'BIGINT', kind: 'numeric', count: 2000, missing: 0, distinct: 398, min: 800, max: 4100, mean: 1012.7, std: 180.3 },
    { name: 'amount', type: 'BIGINT', kind: 'numeric', count: 2000, missing: 0, distinct: 1622, min: 9000, max: 31800, mean: 10044.1, std: 812.5 },
    { name: 'is_anomaly', type: 'BIGINT', kind: 'numeric', count: 2000, missing: 0, distinct: 2, min: 0, max: 1, mean: 0.05, std: 0.218 },
  ],
  created_at: CREATED,
}

export const exampleUpload = {
  ...exampleDataset,
  data_info: {
    filename: 'transactions.csv',
    rows: 2000,
    columns: 5,
    column_names: ['timestamp', 'price', 'volume', 'amount', 'is_anomaly'],
    data_types: { timestamp: 'datetime64[ns]', price: 'float64', volume: 'int64', amount: 'int64', is_anomaly: 'int64' },
    missing_values: { timestamp: 0, price: 0, volume: 0, amount: 0, is_anomaly: 0 },
    numeric_columns: ['price', 'volume', 'amount', 'is_anomaly'],
    categorical_columns: [],
    datetime_columns: ['timestamp'],
  },
  message: 'dataset uploaded: 2000 rows, 5 columns',
}

const exampleStats = {
  n_samples: 2000,
  n_features: 3,
  anomaly_count: 200,
  anomaly_rate: 0.1,
  threshold: 0.5213,
  threshold_method: 'contamination',
  baseline_threshold: 0.5213,
  score_mean: 0.4402,
  score_std: 0.0431,
  score_min: 0.3785,
  score_max: 0.7104,
  training_time_ms: 182.4,
  imputed_values: {},
  fit_notes: { max_samples_effective: 256 },
}

export const exampleVersion = {
  model_id: MODEL_ID,
  version: 1,
  algorithm: 'isolation_forest',
  state_version: 1,
  params: { n_estimators: 100, max_samples: 'auto', max_features: 1, bootstrap: false },
  contamination: 0.1,
  random_state: 42,
  target_column: 'price',
  feature_columns: ['price', 'volume', 'amount'],
  label_column: null,
  dataset: { dataset_id: DATASET_ID, sha256: exampleDataset.sha256, rows: 2000 },
  threshold_options: { beta: 2, validation_fraction: 0.3, refit: 'auto' },
  job_id: JOB_ID,
  parent: null,
  training_stats: exampleStats,
  created_at: CREATED,
  app_version: '0.1.0',
}

export const exampleModel = {
  ...exampleVersion,
  training_stats: {
    ...exampleStats,
    // 002's names for the same facts
    feature_columns: ['price', 'volume', 'amount'],
    target_column: 'price',
    algorithm: 'isolation_forest',
    contamination: 0.1,
    training_date: CREATED,
    supervised: false,
    anomalies_detected: 200,
  },
  status: 'ready',
  dataset_id: DATASET_ID,
  versions: [1],
  latest_version: 1,
  aliases: {},
  loaded: true,
}

export const exampleRetrained = {
  ...exampleModel,
  version: 2,
  dataset: { dataset_id: COMBINED_DATASET_ID, sha256: 'c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2', rows: 2500, source_dataset_ids: [DATASET_ID, NEW_DATASET_ID] },
  dataset_id: COMBINED_DATASET_ID,
  parent: { model_id: MODEL_ID, version: 1 },
  training_stats: { ...exampleModel.training_stats, n_samples: 2500, anomaly_count: 250, anomalies_detected: 250 },
  versions: [1, 2],
  latest_version: 2,
  total_records: 2500,
}

export const exampleJob = {
  job_id: JOB_ID,
  kind: 'train',
  status: 'running',
  progress: 0.46,
  stage: 'fitting model',
  eta_seconds: 3.1,
  dataset_id: DATASET_ID,
  model_id: MODEL_ID,
  created_at: '2026-11-21T09:59:57.120Z',
  started_at: '2026-11-21T09:59:57.135Z',
}

export const exampleModelInfo = { model_id: MODEL_ID, version: 1, algorithm: 'isolation_forest', training_samples: 2000, features_used_count: 3, features_found_in_event: 3 }

export const exampleRow = {
  is_anomaly: true,
  anomaly_score: 0.6347,
  anomaly_probability: 0.7653,
  anomaly_threshold: 0.5213,
  score_percentile: 0.9995,
  missing_features: [],
  explanation: 'price 200 is 10.1 standard deviations above typical.',
  feature_deviations: {
    price: { type: 'numerical', value: 200, z_score: 10.1, percentile: 1, contribution: 0.41, deviation_level: 'rare' },
    volume: { type: 'numerical', value: 950, z_score: -0.35, percentile: 0.36, contribution: 0.05, deviation_level: 'normal' },
    amount: { type: 'numerical', value: 10000, z_score: -0.05, percentile: 0.48, contribution: 0.04, deviation_level: 'normal' },
  },
  contribution_method: 'path_depth',
}

const normalRow = {
  is_anomaly: false,
  anomaly_score: 0.4211,
  anomaly_probability: 0.1283,
  anomaly_threshold: 0.5213,
  score_percentile: 0.3975,
  missing_features: [],
  explanation: 'nothing stands out: every input is within its usual range.',
  feature_deviations: {
    price: { type: 'numerical', value: 101.3, z_score: 0.09, percentile: 0.54, contribution: 0.03, deviation_level: 'normal' },
    volume: { type: 'numerical', value: 1010, z_score: -0.01, percentile: 0.5, contribution: 0.02, deviation_level: 'normal' },
    amount: { type: 'numerical', value: 9950, z_score: -0.12, percentile: 0.45, contribution: 0.02, deviation_level: 'normal' },
  },
  contribution_method: 'path_depth',
}

export const examplePrediction = {
  model_id: MODEL_ID,
  version: 1,
  prediction: { ...exampleRow, score: -0.6347, confidence: 'high' },
  model_info: exampleModelInfo,
  timestamp: '2026-11-21T10:05:12.481Z',
}

export const exampleBatch = {
  model_id: MODEL_ID,
  version: 1,
  predictions: {
    total: 2,
    anomaly_count: 1,
    anomaly_rate: 0.5,
    anomaly_threshold: 0.5213,
    explanation_detail: 'full',
    predictions: [false, true],
    scores: [-0.4211, -0.6347],
    results: [
      { index: 0, ...normalRow },
      { index: 1, ...exampleRow },
    ],
  },
  model_info: { ...exampleModelInfo, features_found_in_event: 3 },
}

const bare = ({ explanation: _e, feature_deviations: _f, contribution_method: _c, ...row }: typeof exampleRow) => row

/** The NDJSON answer of the same batch with `explain: false`: one row per line, then the summary. */
export const exampleBatchNdjson = [
  JSON.stringify({ index: 0, ...bare(normalRow) }),
  JSON.stringify({ index: 1, ...bare(exampleRow) }),
  JSON.stringify({ summary: { model_id: MODEL_ID, version: 1, predictions: { total: 2, anomaly_count: 1, anomaly_rate: 0.5, anomaly_threshold: 0.5213, predictions: [false, true], scores: [-0.4211, -0.6347] }, model_info: exampleModelInfo } }),
].join('\n')

export const exampleEvaluationRow = {
  name: 'f1',
  threshold: 0.5734,
  precision: 0.962,
  recall: 0.833,
  f1: 0.893,
  alert_rate: 0.058,
  confusion_matrix: { tp: 25, fp: 1, tn: 419, fn: 5 },
}
