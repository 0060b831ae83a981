import { Type } from 'typebox'
import { ALGORITHM_NAMES } from '../detectors/registry.js'
import { FeatureConfig } from '../features/feature-config.js'
import { ThresholdOptions } from '../evaluation/threshold-options.js'
import { stripDefaults } from './strip-defaults.js'
import { ID_PATTERN } from '../store/ids.js'

const Algorithm = Type.Union(
  ALGORITHM_NAMES.map((name) => Type.Literal(name)),
  { description: 'Which detector to train. GET /algorithms lists which are available and their params.' },
)

const trainFields = {
  algorithm: Algorithm,
  contamination: Type.Number({
    exclusiveMinimum: 0,
    maximum: 0.5,
    description: 'Expected share of anomalies; sets the threshold at this quantile of training scores.',
  }),
  target_column: Type.String({ minLength: 1, description: 'The column to detect anomalies in (always a model input).' }),
  feature_columns: Type.Array(Type.String({ minLength: 1 }), {
    maxItems: 10_000,
    description: 'Further input columns; when omitted, every numeric and boolean column except the label.',
  }),
  label_column: Type.String({ minLength: 1, description: 'Column of 0/1 anomaly labels: fits supervised algorithms, evaluates unsupervised ones.' }),
  params: Type.Record(Type.String(), Type.Unknown(), { description: "Algorithm parameters (see GET /algorithms); defaults follow scikit-learn's." }),
  random_state: Type.Integer({ minimum: 0, maximum: 4294967295, description: 'Seed: the same seed and data give the same model.' }),
  threshold: stripDefaults(ThresholdOptions),
  features: Type.Union([stripDefaults(FeatureConfig), Type.Literal(false)], {
    description: 'Feature engineering (time parts, lags, rolling windows, categorical encodings, selection); false turns it off. See docs/features.md.',
  }),
}

export const TrainBody = Type.Object(
  {
    algorithm: Type.Optional({ ...trainFields.algorithm, default: 'isolation_forest' }),
    contamination: Type.Optional({ ...trainFields.contamination, default: 0.1 }),
    target_column: Type.Optional(trainFields.target_column),
    feature_columns: Type.Optional(trainFields.feature_columns),
    label_column: Type.Optional(trainFields.label_column),
    params: Type.Optional(trainFields.params),
    random_state: Type.Optional({ ...trainFields.random_state, default: 42 }),
    features: Type.Optional(trainFields.features),
    threshold: Type.Optional(trainFields.threshold),
    model_id: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'Name for the new model (generated when omitted).' })),
  },
  {
    additionalProperties: false,
    title: 'TrainRequest',
    description: 'What to train; every field is optional (an empty body trains an isolation forest on every usable column).',
    examples: [{ algorithm: 'isolation_forest', contamination: 0.1, target_column: 'price', feature_columns: ['volume', 'amount'] }],
  },
)

/** Retraining changes only what it names; everything else comes from the version it starts from. */
export const RetrainBody = Type.Object(
  {
    algorithm: Type.Optional(trainFields.algorithm),
    contamination: Type.Optional(trainFields.contamination),
    target_column: Type.Optional(trainFields.target_column),
    feature_columns: Type.Optional(trainFields.feature_columns),
    label_column: Type.Optional(
      Type.Union([trainFields.label_column, Type.Null()], { description: 'A label column, or null to train without the parent\'s label column.' }),
    ),
    params: Type.Optional(trainFields.params),
    random_state: Type.Optional(trainFields.random_state),
    features: Type.Optional(trainFields.features),
    threshold: Type.Optional(trainFields.threshold),
    keep_previous_data: Type.Optional(
      Type.Boolean({
        description:
          "true (default, 002's retrain): train on the parent version's training data plus this dataset, stacked into a new dataset that records both as its sources; no row counts twice (the parent's data alone when it already holds this dataset, this dataset alone when it already holds the parent's data). false: train on this dataset alone.",
      }),
    ),
  },
  {
    additionalProperties: false,
    title: 'RetrainRequest',
    description: 'What changes from the version retrained from; every field is optional (an empty body keeps every setting).',
    examples: [{ algorithm: 'isolation_forest', contamination: 0.1, target_column: 'price' }],
  },
)
