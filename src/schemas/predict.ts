import type { Readable } from 'node:stream'
import { Type } from 'typebox'
import { ID_PATTERN } from '../store/ids.js'
import { MODEL_ID, exampleBatch, exampleBatchNdjson, examplePrediction } from './examples.js'

const Row = Type.Record(Type.String(), Type.Unknown(), { description: 'One record: column name → value.' })
const Version = Type.Union([Type.Integer({ minimum: 1 }), Type.String({ pattern: ID_PATTERN })], {
  description: "A version number or an alias; default: the latest version. 'model@3' in model_id works too.",
})
const ModelId = Type.String({ minLength: 1, maxLength: 130, description: "A model id, optionally with '@<version>' or '@<alias>'." })

export const MAX_BATCH_ROWS = 100_000

const History = Type.Array(Row, {
  maxItems: 10_000,
  description: 'Earlier events of the same series, oldest first, for lags and rolling windows; when given they replace the history stored at training.',
})

const Threshold = Type.Number({ description: "Use this threshold instead of the version's for this request (on the model's score scale)." })
const Explain = Type.Boolean({ default: true, description: 'Return explanation and feature_deviations; false is faster.' })

export const PredictBody = Type.Object(
  {
    model_id: ModelId,
    data: Row,
    version: Type.Optional(Version),
    history: Type.Optional(History),
    anomaly_threshold: Type.Optional(Threshold),
    explain: Type.Optional(Explain),
  },
  {
    additionalProperties: false,
    title: 'PredictRequest',
    description: 'One row to score with a model version.',
    examples: [{ model_id: MODEL_ID, data: { price: 200.0, volume: 950, amount: 10000 } }],
  },
)

const ExplanationDetail = Type.Union([Type.Literal('compact'), Type.Literal('full')], {
  description:
    "'compact': each row's feature_deviations keeps only its 3 strongest drivers (the explanation sentence stays); 'full': every feature. Default: 'full' below BATCH_STREAM_ROWS rows (5,000), 'compact' from there on, where full detail can make the answer hundreds of megabytes.",
})

export const BatchBody = Type.Object(
  {
    model_id: ModelId,
    data: Type.Array(Row, { minItems: 1, maxItems: MAX_BATCH_ROWS }),
    version: Type.Optional(Version),
    history: Type.Optional(History),
    anomaly_threshold: Type.Optional(Threshold),
    explain: Type.Optional(Explain),
    explanation_detail: Type.Optional(ExplanationDetail),
  },
  {
    additionalProperties: false,
    title: 'BatchRequest',
    description: 'Rows to score with a model version, in order (1 to 100,000).',
    examples: [
      {
        model_id: MODEL_ID,
        data: [
          { price: 120.5, volume: 950, amount: 10000 },
          { price: 200.0, volume: 950, amount: 10000 },
        ],
      },
    ],
  },
)

const predictionFields = {
  is_anomaly: Type.Boolean(),
  anomaly_score: Type.Number({ description: 'Higher = more anomalous.' }),
  anomaly_probability: Type.Number({ minimum: 0, maximum: 1, description: 'The score placed on the training score range (0–1).' }),
  anomaly_threshold: Type.Number({ description: 'Scores above this are anomalies.' }),
  score_percentile: Type.Number({ description: 'Share of training rows scoring at or below this one.' }),
  missing_features: Type.Array(Type.String(), { description: 'Model inputs the row lacked; the training median was used.' }),
  explanation: Type.Optional(Type.String({ description: 'The top drivers of the score in plain words.' })),
  feature_deviations: Type.Optional(
    Type.Record(
      Type.String(),
      Type.Object({
        type: Type.Union([Type.Literal('numerical'), Type.Literal('categorical')]),
        value: Type.Union([Type.Number(), Type.String()]),
        z_score: Type.Optional(Type.Number({ description: 'Numerical: robust standard deviations from the training median.' })),
        rarity_score: Type.Optional(Type.Number({ description: 'Categorical: 1 − share of training rows with this value.' })),
        percentile: Type.Number(),
        contribution: Type.Number({ description: "The feature's part in the score." }),
        deviation_level: Type.Union([Type.Literal('normal'), Type.Literal('moderate'), Type.Literal('high'), Type.Literal('rare')]),
      }),
      { description: 'Per feature: how far the value is from training, and how much it drove the score.' },
    ),
  ),
  contribution_method: Type.Optional(
    Type.String({
      description:
        "How each `contribution` was computed, when known: 'tree_shap' (exact TreeSHAP) or 'saabas' (path attribution, for random forests and boosted ensembles above TreeSHAP's cost budget), 'coefficients' (logistic regression: coefficient x standardised value), 'path_depth' (isolation forest: depth-weighted split counts, DIFFI-like), 'robust_z' (LOF and one-class SVM: robust z-scores of the inputs).",
    }),
  ),
}

export const ModelInfo = Type.Object({
  model_id: Type.String(),
  version: Type.Integer(),
  algorithm: Type.String(),
  training_samples: Type.Integer(),
  features_used_count: Type.Integer(),
  features_found_in_event: Type.Integer({ description: 'For a batch: the mean per row, rounded.' }),
}, { title: 'ModelInfo', description: 'The version that scored, and how much of its input the rows had.' })

/** 002's per-row fields (docs/api.md, "002's fields"). */
const prediction002 = {
  score: Type.Number({
    description:
      "002's score: P(anomaly) for supervised models; for unsupervised ones scikit-learn's score_samples orientation, LOWER = more anomalous (−anomaly_score). Vigil's own anomaly_score is higher = more anomalous.",
  }),
  confidence: Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')], {
    description: "002: how clear the decision is: the score's distance from the threshold in training standard deviations (≥ 1 high, ≥ 0.25 medium, else low).",
  }),
}

export const PredictResponse = Type.Object({
  model_id: Type.String(),
  version: Type.Integer(),
  prediction: Type.Object({ ...predictionFields, ...prediction002 }),
  model_info: ModelInfo,
  timestamp: Type.String({ format: 'date-time', description: '002: when the prediction was made.' }),
}, {
  title: 'PredictResponse',
  description: "The row's score, decision and explanation (Vigil's fields, higher = more anomalous), with 002's `score`, `confidence` and `timestamp`.",
  examples: [examplePrediction],
})

export const BatchResponse = Type.Object({
  model_id: Type.String(),
  version: Type.Integer(),
  predictions: Type.Object({
    total: Type.Integer(),
    anomaly_count: Type.Integer(),
    anomaly_rate: Type.Number(),
    anomaly_threshold: Type.Number(),
    explanation_detail: Type.Optional(Type.Union([Type.Literal('compact'), Type.Literal('full')], { description: 'How much of each explanation the rows carry (absent with explain: false).' })),
    predictions: Type.Array(Type.Boolean(), { description: "002: every row's is_anomaly, in order." }),
    scores: Type.Array(Type.Number(), { description: "002: every row's score, in order: P(anomaly) for supervised models, lower = more anomalous for unsupervised ones (see /predict's `score`)." }),
    results: Type.Array(Type.Object({ index: Type.Integer(), ...predictionFields })),
  }),
  model_info: ModelInfo,
}, { title: 'BatchResponse', description: "Every row's prediction in `results`, the batch's counts, and 002's `predictions` and `scores` arrays." })

const BatchResult = Type.Object({ index: Type.Integer(), ...predictionFields })

/**
 * The 200 of /predict-batch in both formats. A streamed answer is written
 * as it is produced, never serialised by Fastify: the JSON schema still
 * describes its text (the same object as a whole answer), the NDJSON one a
 * row line.
 */
export const BatchResponses = {
  description:
    "The scored rows. JSON by default (streamed chunk by chunk from BATCH_STREAM_ROWS rows on; the summary fields then follow `results`). With `Accept: application/x-ndjson`: one row per line, then a last line `{\"summary\": {…}}` (this answer without `results`), or `{\"error\": …, \"status_code\": 500}` if scoring failed after the first line.",
  content: {
    'application/json': { schema: BatchResponse, example: exampleBatch },
    'application/x-ndjson': { schema: Type.Unsafe<Readable>({ ...BatchResult, description: 'One row per line; the last line is `summary` or `error`.' }), example: exampleBatchNdjson },
  },
}
