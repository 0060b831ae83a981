import { Type, type Static } from 'typebox'

/** Lags and windows of the lag columns when rows have a time order and the request names none. */
export const DEFAULT_LAGS: readonly number[] = [1, 2, 3, 7]
export const DEFAULT_WINDOWS: readonly number[] = [7, 14, 48]

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
    lags: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1, maximum: 1000 }), {
        maxItems: 20,
        description: `Lags (in rows of the same series, in time order). Default ${JSON.stringify(DEFAULT_LAGS)} when rows have a time order (a timestamp column, or a series_column); giving lags or windows declares that the rows are in time order.`,
      }),
    ),
    windows: Type.Optional(
      Type.Array(Type.Integer({ minimum: 2, maximum: 1000 }), {
        maxItems: 10,
        description: `Rolling windows over the preceding rows: mean, standard deviation and z-score of the current value. Default ${JSON.stringify(DEFAULT_WINDOWS)} when rows have a time order.`,
      }),
    ),
    lag_columns: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        maxItems: 50,
        description: 'Numeric columns that get lags and windows (default: the target column, when rows have a time order). Naming them declares that the rows are in time order.',
      }),
    ),
    time_features: Type.Union([Type.Literal('auto'), Type.Boolean()], {
      default: 'auto',
      description:
        "hour, day_of_week (Monday = 0), month, is_weekend from the timestamp (UTC). 'auto' = each part whose period the training data covers twice (hour: 2 days, day_of_week and is_weekend: 14 days, month: 730 days); true = all four; false = none.",
    }),
    categorical: Type.Boolean({ default: true, description: 'Encode text columns: one-hot when few categories, frequency otherwise.' }),
    onehot_max_categories: Type.Integer({ minimum: 2, maximum: 100, default: 10, description: 'Largest cardinality that is one-hot encoded.' }),
    selection: Type.Boolean({
      default: true,
      description: "Drop automatically chosen columns by 000's rules (coverage, cardinality, constant values, identifiers, label-like names). Columns named in the request are never dropped.",
    }),
    missing_indicators: Type.Boolean({ default: true, description: 'Add a 0/1 column for numeric inputs missing in at least 1% of training rows.' }),
    field_aliases: Type.Record(Type.String(), Type.String(), {
      default: {},
      description: "Event field name → dataset column name, applied at prediction (e.g. {\"eventsource\": \"eventSource\"}). Case-only differences are matched without an alias.",
    }),
    standardize: Type.Union([Type.Literal('auto'), Type.Boolean()], {
      default: 'auto',
      description: "Standardise model inputs (0/1 indicator columns stay 0/1); 'auto' = for one-class SVM, whose RBF kernel needs comparable scales (LOF and logistic regression use the features as given, as scikit-learn does; trees never need it).",
    }),
  },
  { additionalProperties: false },
)

export type FeatureConfig = Static<typeof FeatureConfig>
