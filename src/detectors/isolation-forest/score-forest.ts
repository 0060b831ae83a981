import type { Matrix } from '../../math/matrix.js'
import type { Forest } from './forest.js'
import { averagePathLength } from './path-length.js'

/** s(x, ψ) = 2^(-E(h(x)) / c(ψ)) for every row: near 1 = isolated quickly (anomalous), well below 0.5 = normal. */
export function scoreForest(forest: Forest, X: Matrix): Float64Array {
  if (X.cols !== forest.nFeatures) {
    throw new RangeError(`rows have ${X.cols} features, the forest was trained on ${forest.nFeatures}`)
  }
  const { roots, feature, value, left, trees } = forest
  const norm = averagePathLength(forest.maxSamples) || 1
  const out = new Float64Array(X.rows)
  const data = X.data
  const cols = X.cols
  for (let r = 0; r < X.rows; r++) {
    const base = r * cols
    let total = 0
    for (let t = 0; t < trees; t++) {
      let node = roots[t] as number
      let f = feature[node] as number
      while (f >= 0) {
        node = (data[base + f] as number) <= (value[node] as number) ? (left[node] as number) : (left[node] as number) + 1
        f = feature[node] as number
      }
      total += value[node] as number
    }
    out[r] = Math.pow(2, -(total / trees) / norm)
  }
  return out
}
