/**
 * A trained boosted ensemble, its trees flattened into typed arrays. Node i is
 * a leaf when `feature[i] < 0`. Otherwise rows with x[feature] <= threshold
 * go to `left[i]` and the others to `left[i] + 1`. Every node keeps its
 * value and cover (hessian sum and training row count), which path-based
 * explanations such as TreeSHAP need.
 */
export interface Ensemble {
  readonly nFeatures: number
  /** Raw score before any tree: log(p / (1 - p)) of the weighted positive rate. */
  readonly baseline: number
  /** Index of each tree's root node; one per boosting iteration. */
  readonly roots: Int32Array
  readonly feature: Int32Array
  /** Real-valued split threshold (a bin edge), so scoring never bins. */
  readonly threshold: Float64Array
  readonly left: Int32Array
  /** -learning_rate * G / (H + λ): what the node adds to the raw score if it were a leaf. */
  readonly value: Float64Array
  /** Sum of the (sample-weighted) hessians of the training rows in the node. */
  readonly hessian: Float64Array
  /** Training rows in the node. */
  readonly count: Int32Array
}
