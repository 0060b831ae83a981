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
  for (let t = 0; t < trees; t++) {
    let node = roots[t] as number
    let depth = 0
    // collect this tree's credits, then weight them by how fast it isolated the row
    let f = feature[node] as number
    const start = out.slice()
    while (f >= 0) {
      out[f] = (out[f] as number) + 1 / (depth + 1)
      node = (X.data[base + f] as number) <= (value[node] as number) ? (left[node] as number) : (left[node] as number) + 1
      f = feature[node] as number
      depth++
    }
    const pathLength = value[node] as number
    const weight = 1 / Math.max(1, pathLength)
    for (let j = 0; j < out.length; j++) out[j] = (start[j] as number) + ((out[j] as number) - (start[j] as number)) * weight
  }
  let total = 0
  for (const v of out) total += v
  if (total > 0) for (let j = 0; j < out.length; j++) out[j] = (out[j] as number) / total
  return out
}
