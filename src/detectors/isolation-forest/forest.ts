/**
 * A forest of isolation trees flattened into typed arrays. Node i of the
 * forest is a leaf when `feature[i] < 0`; then `value[i]` is its path length
 * (depth + c(size)). Otherwise rows with x[feature] <= value go to `left[i]`
 * and the others to `left[i] + 1`.
 */
export interface Forest {
  readonly trees: number
  /** Subsample size ψ the trees were grown on; scores are normalised by c(ψ). */
  readonly maxSamples: number
  readonly nFeatures: number
  readonly roots: Int32Array
  readonly feature: Int32Array
  readonly value: Float64Array
  readonly left: Int32Array
}
