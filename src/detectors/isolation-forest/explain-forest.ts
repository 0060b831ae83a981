import type { Matrix } from '../../math/matrix.js'
import type { Forest } from './forest.js'

/**
 * Path-based attribution of one row's isolation (after DIFFI's local
 * importance, Carletti et al. 2023): along the row's path in each tree, a
 * split on feature f at depth d credits f with 1/(d + 1), since the splits
 * that cut the point off early are the ones that make it anomalous. Trees
 * that isolate the row quickly weigh more (by 1 / path length). The result is
 * normalised to sum to 1.
 */
export function explainForest(forest: Forest, X: Matrix, row: number): Float64Array {
  const { roots, feature, value, left, trees } = forest
  const out = new Float64Array(X.cols)
  const base = row * X.cols
  // features credited in the current tree and their credits (a path has at most ~log2 ψ splits)
  const touched = new Int32Array(64)
  const credit = new Float64Array(64)
  for (let t = 0; t < trees; t++) {
    let node = roots[t] as number
    let depth = 0
    let f = feature[node] as number
    while (f >= 0) {
      if (depth < touched.length) {
        touched[depth] = f
        credit[depth] = 1 / (depth + 1)
      }
      node = (X.data[base + f] as number) <= (value[node] as number) ? (left[node] as number) : (left[node] as number) + 1
      f = feature[node] as number
      depth++
    }
    // trees that isolate the row quickly weigh more
    const weight = 1 / Math.max(1, value[node] as number)
    for (let k = 0; k < Math.min(depth, touched.length); k++) {
      const j = touched[k] as number
      out[j] = (out[j] as number) + (credit[k] as number) * weight
    }
  }
  let total = 0
  for (const v of out) total += v
  if (total > 0) for (let j = 0; j < out.length; j++) out[j] = (out[j] as number) / total
  return out
}
