/**
 * A trained random forest flattened into typed arrays, all trees in one set
 * of buffers, each tree in depth-first preorder. Node i is a leaf when
 * `feature[i] < 0`; then `value[i]` is the leaf's weighted fraction of class 1
 * (P(anomaly)). Otherwise rows with x[feature] <= value[i] go to the left
 * child, stored right after it at i + 1, and the others to `right[i]`.
 * Preorder makes the left step a sequential read, about 15% faster scoring
 * than storing both children elsewhere.
 * `cover[i]` is the sum of sample weights (bootstrap count x class weight)
 * that reached node i in training, which TreeSHAP needs.
 */
export interface Forest {
  readonly trees: number
  readonly nFeatures: number
  readonly roots: Int32Array
  readonly feature: Int32Array
  readonly right: Int32Array
  /** Split threshold (internal node) or P(class 1) (leaf). */
  readonly value: Float64Array
  readonly cover: Float64Array
  /** Bin edges per feature the trees were grown on: feature j's are `edges[edgeStart[j] .. edgeStart[j + 1])`. */
  readonly edgeStart: Int32Array
  readonly edges: Float64Array
}
