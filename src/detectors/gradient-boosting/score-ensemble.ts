import type { Matrix } from '../../math/matrix.js'
import type { Ensemble } from './ensemble.js'
import { sigmoid } from './log-loss.js'

/** P(anomaly) for every row: the sigmoid of the baseline plus every tree's leaf value. */
export function scoreEnsemble(ensemble: Ensemble, X: Matrix): Float64Array {
  if (X.cols !== ensemble.nFeatures) {
    throw new RangeError(`rows have ${X.cols} features, the model was trained on ${ensemble.nFeatures}`)
  }
  const { roots, feature, threshold, left, value, baseline } = ensemble
  const trees = roots.length
  const { data, cols } = X
  const out = new Float64Array(X.rows)
  for (let r = 0; r < X.rows; r++) {
    const base = r * cols
    let raw = baseline
    for (let t = 0; t < trees; t++) {
      let node = roots[t] as number
      let f = feature[node] as number
      while (f >= 0) {
        node = (data[base + f] as number) <= (threshold[node] as number) ? (left[node] as number) : (left[node] as number) + 1
        f = feature[node] as number
      }
      raw += value[node] as number
    }
    out[r] = sigmoid(raw)
  }
  return out
}
