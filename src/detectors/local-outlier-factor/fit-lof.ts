import { InvalidInputError } from '../../errors.js'
import type { Matrix } from '../../math/matrix.js'
import { deriveSeed } from '../../math/random.js'
import { createKnnHeap, resetKnnHeap } from './knn-heap.js'
import { finishKnn } from './knn-results.js'
import type { LofModel } from './lof-model.js'
import { chooseSearch, createNeighborSearch } from './neighbor-search.js'
import type { LocalOutlierFactorParams } from './params.js'
import { reachDensity } from './reach-density.js'
import { subsampleRows } from './subsample.js'

/** A fitted model, and the reference rows' own outlier factors (each without itself among its neighbours). */
export interface LofFit {
  readonly model: LofModel
  /** scikit-learn's `-negative_outlier_factor_`: what the training rows score, computed from the fit's neighbours. */
  readonly trainingScores: Float64Array
}

/** Reference rows queried between two progress reports. */
const PROGRESS_ROWS = 1024

/**
 * Fit LOF (Breunig et al. 2000) as scikit-learn's `LocalOutlierFactor(novelty=True)`:
 * the k nearest other reference rows of every reference row, their
 * k-distances, then local reachability densities.
 */
export function fitLof(X: Matrix, params: LocalOutlierFactorParams, seed: number, progress?: (fraction: number) => void): LofFit {
  const reference = subsampleRows(X, params.max_samples, deriveSeed(seed, 0))
  const m = reference.rows
  if (m < 2) {
    throw new InvalidInputError(`local_outlier_factor needs at least 2 training rows to find neighbours; got ${m}`, { field: 'X', value: m, limit: 2 })
  }
  // as scikit-learn: k = min(n_neighbors, rows - 1), every row being excluded from its own neighbours
  const k = Math.min(params.n_neighbors, m - 1)
  const p = params.p
  const search = createNeighborSearch(reference, chooseSearch(params.algorithm, m, reference.cols, k), params.leaf_size, p)
  const neighbors = new Int32Array(m * k)
  const dist = new Float64Array(m * k)
  const kDistance = new Float64Array(m)
  const heap = createKnnHeap(k)
  const order = search.order
  for (let t = 0; t < m; t++) {
    const i = order[t] as number
    resetKnnHeap(heap)
    search.query(reference.data, i, i, heap)
    finishKnn(heap, p)
    neighbors.set(heap.index, i * k)
    dist.set(heap.dist, i * k)
    kDistance[i] = heap.dist[k - 1] as number
    if (progress && (t + 1) % PROGRESS_ROWS === 0) progress((t + 1) / m)
  }
  const lrd = new Float64Array(m)
  for (let i = 0; i < m; i++) lrd[i] = reachDensity(dist, neighbors, i * k, k, kDistance)
  const trainingScores = new Float64Array(m)
  for (let i = 0; i < m; i++) {
    let ratios = 0
    for (let j = 0; j < k; j++) ratios += (lrd[neighbors[i * k + j] as number] as number) / (lrd[i] as number)
    trainingScores[i] = ratios / k
  }
  progress?.(1)
  return { model: { reference, kDistance, lrd, k, p, search }, trainingScores }
}
