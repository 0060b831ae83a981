import { Type, type Static } from 'typebox'

/**
 * Random forest parameters; names and defaults follow scikit-learn 1.2's
 * `RandomForestClassifier` (Gini criterion), plus `max_bins` for the
 * histogram split search.
 */
export const RandomForestParams = Type.Object(
  {
    n_estimators: Type.Integer({ minimum: 1, maximum: 5000, default: 100, description: 'Number of trees.' }),
    max_depth: Type.Union([Type.Null(), Type.Integer({ minimum: 1, maximum: 1000 })], {
      default: null,
      description: 'Maximum depth of a tree (the root is depth 0); null grows every tree until its leaves are pure or cannot be split.',
    }),
    min_samples_split: Type.Union([Type.Integer({ minimum: 2 }), Type.Number({ exclusiveMinimum: 0, maximum: 1 })], {
      default: 2,
      description:
        'Fewest distinct training rows a node needs to be split: a whole number >= 2 is a count, a number <= 1 a fraction of the training rows (rounded up).',
    }),
    min_samples_leaf: Type.Union([Type.Integer({ minimum: 1 }), Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 })], {
      default: 1,
      description:
        'Fewest distinct training rows each child of a split must keep: a whole number is a count, a number < 1 a fraction of the training rows (rounded up).',
    }),
    max_features: Type.Union(
      [Type.Literal('sqrt'), Type.Literal('log2'), Type.Null(), Type.Number({ exclusiveMinimum: 0, maximum: 1 })],
      {
        default: 'sqrt',
        description:
          "Features considered at each split: 'sqrt' or 'log2' of the feature count, a fraction of the features, or null for all (at least one; features constant in the node do not count).",
      },
    ),
    bootstrap: Type.Boolean({
      default: true,
      description: 'Grow each tree on a bootstrap sample (rows drawn with replacement, kept as per-row counts); false uses every row once.',
    }),
    max_samples: Type.Union([Type.Null(), Type.Number({ exclusiveMinimum: 0, maximum: 1 })], {
      default: null,
      description: 'With bootstrap, the number of draws per tree as a fraction of the training rows; null draws as many as there are rows.',
    }),
    class_weight: Type.Union([Type.Null(), Type.Literal('balanced'), Type.Literal('balanced_subsample')], {
      default: null,
      description:
        "Class weights in the Gini impurity and leaf probabilities: null weighs rows equally; 'balanced' weighs each class by rows / (2 x class rows); 'balanced_subsample' does the same on each tree's bootstrap sample.",
    }),
    max_bins: Type.Integer({
      minimum: 2,
      maximum: 255,
      default: 255,
      description: 'Histogram bins per feature for the split search; features with fewer distinct values keep exact midpoints.',
    }),
  },
  { additionalProperties: false },
)

export type RandomForestParams = Static<typeof RandomForestParams>

/** Features drawn per split, as scikit-learn counts them (always at least one). */
export function featuresPerSplit(maxFeatures: RandomForestParams['max_features'], features: number): number {
  if (maxFeatures === null) return features
  if (maxFeatures === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(features)))
  if (maxFeatures === 'log2') return Math.max(1, Math.floor(Math.log2(features)))
  return Math.max(1, Math.floor(maxFeatures * features))
}

/** `min_samples_split` as a row count: fractions (values <= 1) are of the training rows, rounded up, and never below 2. */
export function minSamplesSplit(value: number, rows: number): number {
  return value <= 1 ? Math.max(2, Math.ceil(value * rows)) : value
}

/** `min_samples_leaf` as a row count: fractions (values < 1) are of the training rows, rounded up. */
export function minSamplesLeaf(value: number, rows: number): number {
  return value < 1 ? Math.max(1, Math.ceil(value * rows)) : value
}

/** Bootstrap draws per tree: all rows by default, else round(fraction x rows) (half to even, as Python rounds), at least 1. */
export function bootstrapDraws(maxSamples: number | null, rows: number): number {
  if (maxSamples === null) return rows
  const x = maxSamples * rows
  const r = Math.round(x)
  return Math.max(1, r - x === 0.5 && r % 2 === 1 ? r - 1 : r)
}
