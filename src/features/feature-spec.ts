/**
 * The fitted description of how raw rows become model inputs. It is stored
 * in every model version and applied by the same code at training and at
 * prediction, so a model can never see different features when serving.
 */
export interface FeatureSpec {
  readonly kind: 'numeric'
  readonly version: 1
  /** Input columns, in model order. */
  readonly columns: readonly string[]
  /** Training medians, used in place of missing values. */
  readonly medians: readonly number[]
}
