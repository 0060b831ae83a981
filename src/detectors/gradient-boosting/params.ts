import { Type, type Static } from 'typebox'

/**
 * Gradient boosting parameters; names and defaults follow scikit-learn 1.2's
 * `HistGradientBoostingClassifier`, plus `growth` (leaf-wise as in
 * scikit-learn and LightGBM, or level-wise as XGBoost's `depthwise`).
 */
export const GradientBoostingParams = Type.Object(
  {
    learning_rate: Type.Number({
      exclusiveMinimum: 0,
      maximum: 10,
      default: 0.1,
      description: 'Shrinkage applied to every leaf value; smaller needs more iterations but generalises better.',
    }),
    max_iter: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      default: 100,
      description: 'Most boosting iterations (one tree each).',
    }),
    max_leaf_nodes: Type.Union([Type.Integer({ minimum: 2, maximum: 100_000 }), Type.Null()], {
      default: 31,
      description: 'Most leaves per tree; null = no limit.',
    }),
    max_depth: Type.Union([Type.Integer({ minimum: 1, maximum: 1000 }), Type.Null()], {
      default: null,
      description: 'Most edges from the root to a leaf; null = no limit (the leaf count limits the tree).',
    }),
    min_samples_leaf: Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      default: 20,
      description: 'Fewest training rows in a leaf.',
    }),
    l2_regularization: Type.Number({
      minimum: 0,
      maximum: 1e12,
      default: 0,
      description: 'L2 penalty λ on leaf values: a leaf is -G / (H + λ), and split gains use H + λ.',
    }),
    max_bins: Type.Integer({
      minimum: 2,
      maximum: 255,
      default: 255,
      description: 'Most histogram bins per feature; split thresholds are chosen among bin edges.',
    }),
    early_stopping: Type.Union([Type.Literal('auto'), Type.Boolean()], {
      default: 'auto',
      description: "Stop when the validation loss stops improving. 'auto' = on when there are more than 10,000 rows.",
    }),
    validation_fraction: Type.Number({
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      default: 0.1,
      description: 'Share of the rows held out (stratified, seeded) to measure the loss for early stopping.',
    }),
    n_iter_no_change: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      default: 10,
      description: 'Early stopping: stop when none of the last n iterations beat the loss before them by more than tol.',
    }),
    tol: Type.Number({
      minimum: 0,
      maximum: 1,
      default: 1e-7,
      description: 'Early stopping: smallest decrease of the validation loss that counts as an improvement.',
    }),
    class_weight: Type.Union([Type.Literal('balanced'), Type.Null()], {
      default: null,
      description: "null: every row weighs 1. 'balanced': rows weigh n / (2 * rows of their class), so rare anomalies count as much as the common class.",
    }),
    growth: Type.Union([Type.Literal('leaf'), Type.Literal('depth')], {
      default: 'leaf',
      description: "'leaf': split the leaf with the largest gain first (scikit-learn, LightGBM). 'depth': split level by level (XGBoost's depthwise).",
    }),
  },
  { additionalProperties: false },
)

export type GradientBoostingParams = Static<typeof GradientBoostingParams>

/** Whether early stopping runs for a training set of `rows` rows ('auto' = more than 10,000, as scikit-learn). */
export function usesEarlyStopping(earlyStopping: GradientBoostingParams['early_stopping'], rows: number): boolean {
  return earlyStopping === 'auto' ? rows > 10_000 : earlyStopping
}
