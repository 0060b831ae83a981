import { Type } from 'typebox'
import { Id } from './common.js'
import { COMBINED_DATASET_ID, DATASET_ID, MODEL_ID, NEW_DATASET_ID, exampleModel, exampleRetrained, exampleVersion } from './examples.js'

const Params = Type.Record(Type.String(), Type.Unknown(), { description: "The algorithm's parameters after defaults." })

export const Evaluation = Type.Object(
  {
    roc_auc: Type.Union([Type.Number(), Type.Null()]),
    pr_auc: Type.Union([Type.Number(), Type.Null()], { description: 'Average precision.' }),
    precision: Type.Number(),
    recall: Type.Number(),
    f1: Type.Number(),
    alert_rate: Type.Number(),
    confusion_matrix: Type.Object({ tp: Type.Integer(), fp: Type.Integer(), tn: Type.Integer(), fn: Type.Integer() }),
    labelled_rows: Type.Integer(),
    positives: Type.Integer(),
    split: Type.String({ description: 'How the labelled rows were held out.' }),
    baseline_f1: Type.Number({ description: 'F1 at the contamination threshold (001’s baseline).' }),
    recommended_threshold: Type.Union([Type.Number(), Type.Null()]),
    recommended_f1: Type.Union([Type.Number(), Type.Null()]),
  },
  { title: 'Evaluation', description: 'The held-out labelled rows scored by the model, at the applied threshold. GET /models/{id}/evaluation has the full report.' },
)

const held = (what: string) => `${what}, on the held-out labelled rows (002; present when the version was trained with a label column).`

/** 002's training_stats fields, on model views (train, retrain, GET /models/{id}); see docs/api.md. */
const trainingStats002 = {
  feature_columns: Type.Optional(Type.Array(Type.String(), { description: "002: the model's input columns." })),
  target_column: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  algorithm: Type.Optional(Type.String()),
  contamination: Type.Optional(Type.Number()),
  training_date: Type.Optional(Type.String({ format: 'date-time', description: '002: when the version was trained.' })),
  supervised: Type.Optional(Type.Boolean({ description: '002: whether the algorithm learned from the labels.' })),
  anomalies_detected: Type.Optional(Type.Integer({ description: '002: training rows above the threshold (= anomaly_count).' })),
  precision: Type.Optional(Type.Number({ description: held('Precision') })),
  recall: Type.Optional(Type.Number({ description: held('Recall') })),
  f1_score: Type.Optional(Type.Number({ description: held('F1') })),
  true_anomalies: Type.Optional(Type.Integer({ description: held('Labelled anomalies') })),
  predicted_anomalies: Type.Optional(Type.Integer({ description: held('Rows flagged') })),
}

export const TrainingStats = Type.Object({
  n_samples: Type.Integer(),
  n_features: Type.Integer(),
  anomaly_count: Type.Integer(),
  anomaly_rate: Type.Number({ description: 'Share of training rows above the threshold.' }),
  threshold: Type.Number({ description: 'Scores above this are anomalies.' }),
  threshold_method: Type.String({ description: 'How the threshold was chosen: contamination, auto, f1, f<beta>, recall, alert_rate or manual.' }),
  baseline_threshold: Type.Number({ description: 'The contamination quantile of training scores, for comparison.' }),
  score_mean: Type.Number(),
  score_std: Type.Number(),
  score_min: Type.Number(),
  score_max: Type.Number(),
  training_time_ms: Type.Number(),
  imputed_values: Type.Record(Type.String(), Type.Integer(), { description: 'Missing values replaced by the training median, per column.' }),
  evaluation: Type.Optional(Evaluation),
  fit_notes: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]))),
  ...trainingStats002,
}, { title: 'TrainingStats', description: "How training went: Vigil's scores and threshold, and 002's names for the same facts." })

const versionFields = {
  model_id: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  algorithm: Type.String(),
  state_version: Type.Integer(),
  params: Params,
  contamination: Type.Number(),
  random_state: Type.Integer(),
  target_column: Type.Union([Type.String(), Type.Null()]),
  feature_columns: Type.Array(Type.String()),
  label_column: Type.Union([Type.String(), Type.Null()]),
  features: Type.Optional(
    Type.Object(
      {
        config: Type.Unknown({ description: 'The feature settings used, after defaults (false when off).' }),
        timestamp_column: Type.Union([Type.String(), Type.Null()]),
        series_column: Type.Union([Type.String(), Type.Null()]),
        engineered: Type.Array(Type.String(), { description: "The model's input columns after feature engineering, in order." }),
        standardized: Type.Boolean(),
        history_length: Type.Integer({ description: "Rows of a series' history a new event needs for its lags and windows." }),
        dropped: Type.Array(
          Type.Object({ column: Type.String(), rule: Type.String(), value: Type.Union([Type.Number(), Type.String()]), limit: Type.String() }),
          { description: "Columns left out by 000's selection rules, and calendar parts the training span is too short for (rule time_span)." },
        ),
      },
      { description: 'What feature engineering did.' },
    ),
  ),
  dataset: Type.Object({
    dataset_id: Type.String(),
    sha256: Type.String(),
    rows: Type.Integer(),
    source_dataset_ids: Type.Optional(Type.Array(Type.String())),
  }),
  threshold_options: Type.Optional(Type.Unknown({ description: 'How the applied threshold was chosen (objective, beta, target, validation_fraction).' })),
  job_id: Type.Optional(Type.String({ description: 'The job that trained this version (GET /jobs/{job_id}).' })),
  parent: Type.Union([Type.Object({ model_id: Type.String(), version: Type.Integer() }), Type.Null()], {
    description: 'The version this one was retrained from, or whose threshold it changed.',
  }),
  change: Type.Optional(
    Type.Object(
      {
        type: Type.Literal('threshold'),
        from: Type.Number(),
        to: Type.Number(),
        method: Type.String(),
        changed_by: Type.String(),
        reason: Type.Union([Type.String(), Type.Null()]),
        at: Type.String({ format: 'date-time' }),
      },
      { description: 'Present when this version only changed the threshold of its parent.' },
    ),
  ),
  training_stats: TrainingStats,
  created_at: Type.String({ format: 'date-time' }),
  app_version: Type.String(),
}

export const VersionRecord = Type.Object(versionFields, {
  title: 'VersionRecord',
  description: 'One immutable version: algorithm, parameters, lineage (dataset, parent, job), threshold and training statistics.',
  examples: [exampleVersion],
})

export const Aliases = Type.Record(Type.String(), Type.Integer(), { description: 'Alias → version number.' })

export const ModelView = Type.Object(
  {
    ...versionFields,
    status: Type.Literal('ready'),
    dataset_id: Type.String(),
    versions: Type.Array(Type.Integer()),
    latest_version: Type.Integer(),
    aliases: Aliases,
    loaded: Type.Boolean({ description: 'Whether this version is in the in-memory cache.' }),
  },
  {
    title: 'ModelView',
    description: "A model's version (the latest, or the one named): its record, with 002's training_stats fields, and the model's versions and aliases.",
    examples: [exampleModel],
  },
)

export const ModelSummary = Type.Object({
  model_id: Type.String(),
  algorithm: Type.String(),
  latest_version: Type.Integer(),
  version_count: Type.Integer(),
  aliases: Aliases,
  dataset_id: Type.String(),
  feature_columns: Type.Array(Type.String()),
  target_column: Type.Union([Type.String(), Type.Null()]),
  contamination: Type.Number(),
  created_at: Type.String({ format: 'date-time' }),
  training_stats: Type.Object({ n_samples: Type.Integer(), anomaly_rate: Type.Number(), threshold: Type.Number() }),
}, { title: 'ModelSummary', description: 'One model in the list: its latest version in brief.' })

const exampleSummary = {
  model_id: MODEL_ID,
  algorithm: 'isolation_forest',
  latest_version: 2,
  version_count: 2,
  aliases: { production: 1 },
  dataset_id: COMBINED_DATASET_ID,
  feature_columns: ['price', 'volume', 'amount'],
  target_column: 'price',
  contamination: 0.1,
  created_at: '2026-11-22T08:30:00.000Z',
  training_stats: { n_samples: 2500, anomaly_rate: 0.1, threshold: 0.5198 },
}

export const ModelList = Type.Object(
  { models: Type.Array(ModelSummary), count: Type.Integer() },
  { title: 'ModelList', description: 'Every model, with its latest version in brief; `count` as 002 has it.', examples: [{ models: [exampleSummary], count: 1 }] },
)

export const ModelDeleted = Type.Object(
  { model_id: Type.String(), deleted: Type.Literal(true), versions_deleted: Type.Integer() },
  { title: 'ModelDeleted', description: 'The model and every version of it are gone.', examples: [{ model_id: MODEL_ID, deleted: true, versions_deleted: 2 }] },
)

export const ModelLoaded = Type.Object({
  model_id: Type.String(),
  version: Type.Integer(),
  loaded: Type.Literal(true),
  already_loaded: Type.Boolean(),
  load_time_ms: Type.Number(),
  cached_models: Type.Array(Type.String(), { description: "Every model version now in memory, as 'id@version'." }),
}, {
  title: 'ModelLoaded',
  description: 'The version is in the in-memory cache: the next prediction does not read it from disk.',
  examples: [{ model_id: MODEL_ID, version: 2, loaded: true, already_loaded: false, load_time_ms: 11.8, cached_models: [`${MODEL_ID}@1`, `${MODEL_ID}@2`] }],
})

export const VersionList = Type.Object(
  { model_id: Type.String(), versions: Type.Array(VersionRecord), aliases: Aliases },
  { title: 'VersionList', description: 'Every version of the model, oldest first, and its aliases.', examples: [{ model_id: MODEL_ID, versions: [exampleVersion], aliases: { production: 1 } }] },
)

export const AliasResponse = Type.Object(
  { model_id: Type.String(), aliases: Aliases },
  { title: 'AliasResponse', description: "The model's aliases after the change.", examples: [{ model_id: MODEL_ID, aliases: { production: 1, candidate: 2 } }] },
)

export const AliasBody = Type.Object(
  { version: Type.Integer({ minimum: 1, description: 'The version the alias should point at.' }) },
  { additionalProperties: false, title: 'AliasRequest', examples: [{ version: 3 }] },
)

export const AliasParams = Type.Object({
  model_id: Id,
  alias: Id,
})

export const VersionParams = Type.Object({
  model_id: Id,
  version: Type.String({ ...Id, description: 'A version number or an alias.' }),
})

export const CombineQuery = Type.Object({
  retrain: Type.Boolean({ default: false, description: 'Also train a new version of the model on the combined dataset.' }),
})

export const CombineResponse = Type.Object({
  model_id: Type.String(),
  combined_dataset_id: Type.String(),
  source_dataset_ids: Type.Array(Type.String()),
  base_version: Type.Integer({
    description: "The version whose training data was combined: the one named, or, when it was already trained on this dataset (002's retrain-then-combine order), its nearest ancestor that was not.",
  }),
  rows: Type.Integer(),
  columns: Type.Array(Type.Object({ name: Type.String(), type: Type.String(), kind: Type.String() })),
  total_records: Type.Integer({ description: '002: rows of the combined dataset (= rows).' }),
  original_records: Type.Integer({ description: "002: rows of the model's training data." }),
  new_records: Type.Integer({ description: '002: rows of the new dataset.' }),
  message: Type.String(),
  model: Type.Optional(ModelView),
}, {
  title: 'CombineResponse',
  description: "The combined dataset (with ?retrain=true, also the version trained on it), with 002's counts.",
  examples: [
    {
      model_id: MODEL_ID,
      combined_dataset_id: COMBINED_DATASET_ID,
      source_dataset_ids: [DATASET_ID, NEW_DATASET_ID],
      base_version: 1,
      rows: 2500,
      columns: exampleModel.feature_columns.map((name) => ({ name, type: name === 'price' ? 'DOUBLE' : 'BIGINT', kind: 'numeric' })),
      total_records: 2500,
      original_records: 2000,
      new_records: 500,
      message: `combined ${DATASET_ID} + ${NEW_DATASET_ID}; train on it with POST /train/${COMBINED_DATASET_ID} or POST /models/${MODEL_ID}/retrain/${COMBINED_DATASET_ID}`,
    },
  ],
})

/** The retrain answer: the model view, plus 002's `total_records`. */
export const RetrainResponse = Type.Object(
  {
    ...ModelView.properties,
    total_records: Type.Integer({ description: "002: rows the new version was trained on (the parent's training data plus the new dataset, unless keep_previous_data: false)." }),
  },
  { title: 'RetrainResponse', description: "The new version, trained on the parent's data plus the new dataset, with 002's `total_records`.", examples: [exampleRetrained] },
)
