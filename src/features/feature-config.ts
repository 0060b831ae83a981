import { Type, type Static } from 'typebox'

/**
 * The `features` object of a training request: what to engineer, with the
 * defaults of docs/features.md. `"features": false` turns engineering off
 * (the model then sees the chosen numeric columns only, imputed).
 */
export const FeatureConfig = Type.Object(
  {
    timestamp_column: Type.Optional(
      Type.String({ minLength: 1, description: 'Column giving each row its time; detected from the column type or name when omitted.' }),
    ),
    series_column: Type.Optional(
      Type.String({ minLength: 1, description: 'Column naming independent series (host, user, card): lags and windows never cross series.' }),
    ),
    lags: Type.Array(Type.Integer({ minimum: 1, maximum: 1000 }), { maxItems: 20, default: [1, 2, 3, 7], description: 'Lags (in rows of the same series).' }),
    windows: Type.Array(Type.Integer({ minimum: 2, maximum: 1000 }), {
      maxItems: 10,
      default: [7, 14, 48],
      description: 'Rolling windows over the preceding rows: mean, standard deviation and z-score of the current value.',
    }),
    lag_columns: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { maxItems: 50, description: 'Numeric columns that get lags and windows (default: the target column).' }),
    ),
    time_features: Type.Union([Type.Literal('auto'), Type.Boolean()], {
      default: 'auto',
      description:
        "hour, day_of_week (Monday = 0), month, is_weekend from the timestamp (UTC). 'auto' = each part whose period the training data covers twice (hour: 2 days, day_of_week and is_weekend: 14 days, month: 730 days); true = all four; false = none.",
    }),
    categorical: Type.Boolean({ default: true, description: 'Encode text columns: one-hot when few categories, frequency otherwise.' }),
    onehot_max_categories: Type.Integer({ minimum: 2, maximum: 100, default: 10, description: 'Largest cardinality that is one-hot encoded.' }),
    selection: Type.Boolean({ default: true, description: "Drop automatically chosen columns by 000's rules (coverage, cardinality, variance, identifiers)." }),
    missing_indicators: Type.Boolean({ default: true, description: 'Add a 0/1 column for numeric inputs missing in at least 1% of training rows.' }),
    field_aliases: Type.Record(Type.String(), Type.String(), {
      default: {},
      description: "Event field name → dataset column name, applied at prediction (e.g. {\"eventsource\": \"eventSource\"}). Case-only differences are matched without an alias.",
    }),
    standardize: Type.Union([Type.Literal('auto'), Type.Boolean()], {
      default: 'auto',
      description: "Standardise model inputs; 'auto' = for distance- and margin-based algorithms (LOF, one-class SVM, logistic regression).",
    }),
  },
  { additionalProperties: false },
)

export type FeatureConfig = Static<typeof FeatureConfig>
