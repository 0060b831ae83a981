import { Type } from 'typebox'

export const Health = Type.Object({
  status: Type.Literal('healthy'),
  version: Type.String(),
  uptime_seconds: Type.Integer(),
  models_loaded: Type.Integer(),
  timestamp: Type.String({ format: 'date-time' }),
}, {
  title: 'Health',
  description: 'The process is up.',
  examples: [{ status: 'healthy', version: '0.1.0', uptime_seconds: 5243, models_loaded: 3, timestamp: '2026-11-21T11:27:43.512Z' }],
})

export const ApiInfo = Type.Object({
  name: Type.String(),
  version: Type.String(),
  description: Type.String(),
  docs: Type.String(),
  openapi: Type.String(),
  endpoints: Type.Record(Type.String(), Type.String()),
}, {
  title: 'ApiInfo',
  description: 'What this service is and where to start.',
  examples: [
    {
      name: 'Vigil',
      version: '0.1.0',
      description: 'Self-hosted anomaly detection: datasets in, versioned models out, predictions with scores.',
      docs: '/docs',
      openapi: '/docs/json',
      endpoints: { 'POST /upload-dataset': 'Upload a CSV, JSON, JSON lines or Parquet dataset (multipart field `file`)', 'POST /train/{dataset_id}': 'Train a model', 'POST /predict': 'Score one row' },
    },
  ],
})

export const AlgorithmList = Type.Object({
  algorithms: Type.Array(
    Type.Object({
      id: Type.String(),
      available: Type.Boolean(),
      title: Type.String(),
      supervised: Type.Union([Type.Boolean(), Type.Null()]),
      description: Type.String(),
      state_version: Type.Optional(Type.Integer()),
      params: Type.Optional(Type.Unknown({ description: 'JSON Schema of the parameters, with defaults.' })),
    }),
  ),
}, {
  title: 'AlgorithmList',
  description: 'Every algorithm of the API contract, available or not.',
  examples: [
    {
      algorithms: [
        {
          id: 'isolation_forest',
          available: true,
          title: 'Isolation forest',
          supervised: false,
          description: 'Liu, Ting & Zhou (2008): random axis-parallel splits isolate anomalies in fewer steps. Fast, memory-light, no distance metric; a strong default for tabular data.',
          state_version: 1,
          params: { type: 'object', properties: { n_estimators: { type: 'integer', minimum: 1, maximum: 5000, default: 100, description: 'Number of isolation trees.' } } },
        },
        {
          id: 'random_forest',
          available: true,
          title: 'Random forest',
          supervised: true,
          description:
            "Breiman (2001): bootstrap-sampled decision trees with random feature subsets, Gini splits searched on histograms of binned features. Needs labels; scores are P(anomaly), the mean of the leaves' class-1 fractions. Strong on known anomaly types, blind to new ones.",
          state_version: 1,
          params: { type: 'object', properties: { n_estimators: { type: 'integer', minimum: 1, default: 100 } } },
        },
      ],
    },
  ],
})
