import type { Matrix } from '../../math/matrix.js'
import { createKnnHeap, resetKnnHeap } from './knn-heap.js'
import { finishKnn } from './knn-results.js'
import type { LofModel } from './lof-model.js'
import { reachDensity } from './reach-density.js'

/**
 * Local outlier factor of each row against the reference set: the mean over
 * its k nearest reference rows o of lrd(o) / lrd(x). Equals scikit-learn's
 * `-score_samples(X)`: about 1 inside the data, larger for outliers.
 */
export function scoreLof(model: LofModel, X: Matrix): Float64Array {
  const { reference, k, lrd, kDistance, search, p } = model
  if (X.cols !== reference.cols) {
    throw new RangeError(`rows have ${X.cols} features, the model was trained on ${reference.cols}`)
  }
  const out = new Float64Array(X.rows)
  const heap = createKnnHeap(k)
  const order = search.queryOrder(X)
  for (let t = 0; t < X.rows; t++) {
    const r = order[t] as number
    resetKnnHeap(heap)
    search.query(X.data, r, -1, heap)
    finishKnn(heap, p)
    const density = reachDensity(heap.dist, heap.index, 0, k, kDistance)
    let ratios = 0
    for (let i = 0; i < k; i++) ratios += (lrd[heap.index[i] as number] as number) / density
    out[r] = ratios / k
  }
  return out
}
