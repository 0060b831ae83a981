import { createMatrix } from '../../math/matrix.js'
import { decodeArray, encodeArray, type EncodedArray } from '../../math/typed-array-codec.js'
import type { DetectorPlugin, Fitted } from '../types.js'
import { fitLof } from './fit-lof.js'
import type { LofModel } from './lof-model.js'
import { chooseSearch, createNeighborSearch } from './neighbor-search.js'
import { LocalOutlierFactorParams } from './params.js'
import { scoreLof } from './score-lof.js'

/**
 * The stored form of a fitted LOF: the reference rows with their k-distances
 * and densities. The KD-tree is rebuilt on load rather than stored: that
 * costs about 80 ms of CPU for 50k rows of 10 features, once per load (loaded
 * models are cached), while storing it would tie the stored format to the
 * tree layout and `leaf_size`, and the scores do not depend on the tree.
 */
export interface LocalOutlierFactorState {
  readonly k: number
  readonly p: number
  /** Rows of the training set the reference set was drawn from. */
  readonly trainingRows: number
  readonly rows: number
  readonly cols: number
  readonly reference: EncodedArray
  readonly kDistance: EncodedArray
  readonly lrd: EncodedArray
}

function fitted(model: LofModel, trainingRows: number, requested: number, trainingScores?: Float64Array): Fitted<LocalOutlierFactorState> {
  const { reference, k, p } = model
  return {
    score: (X) => scoreLof(model, X),
    ...(trainingScores ? { trainingScores } : {}),
    toJSON: () => ({
      k,
      p,
      trainingRows,
      rows: reference.rows,
      cols: reference.cols,
      reference: encodeArray(reference.data),
      kDistance: encodeArray(model.kDistance),
      lrd: encodeArray(model.lrd),
    }),
    notes: {
      n_neighbors_effective: k,
      n_neighbors_capped: k < requested,
      max_samples_applied: reference.rows < trainingRows,
      reference_rows: reference.rows,
      training_rows: trainingRows,
      neighbor_search: model.search.kind,
    },
  }
}

/**
 * Local outlier factor, equal to scikit-learn's `LocalOutlierFactor(novelty=True)`
 * (`score = -score_samples`), apart from which of several equidistant
 * neighbours is taken (here: the lowest row index, in both searches).
 *
 * Cost, for m = min(rows, max_samples) reference rows of d features:
 * KD-tree build O(m d log m); fit = one k-NN query per reference row; scoring
 * = one query per row. A query costs about O(log m) on data of low intrinsic
 * dimension and tends towards O(m d) as it grows (brute force is always
 * O(m d)). Memory: the m x d reference rows, two m-length arrays, and during
 * the fit m x k neighbour indices and distances.
 */
export const localOutlierFactor: DetectorPlugin<typeof LocalOutlierFactorParams, LocalOutlierFactorState> = {
  id: 'local_outlier_factor',
  title: 'Local outlier factor',
  description:
    "Breunig et al. (2000), as scikit-learn's LocalOutlierFactor(novelty=True): a row's score is how much sparser its neighbourhood is than its k nearest training rows' neighbourhoods (about 1 = like its neighbours, larger = outlier). Finds local anomalies in clusters of different densities; keeps (a subsample of) the training rows.",
  supervised: false,
  // as scikit-learn, on the features as given. Measured against scikit-learn's defaults (bench:defaults),
  // standardising first won on 2 of 13 tables and lost on 4, by 0.33 AUROC on clustered anomalies in a
  // small-unit column: LOF compares each row with its k nearest, so what matters is whether anomalies
  // have anomalous neighbours, and rescaling can as well bring clustered anomalies together as apart
  standardize: false,
  params: LocalOutlierFactorParams,
  stateVersion: 1,
  async fit(train, params) {
    const { model, trainingScores } = fitLof(train.X, params, train.seed, train.progress)
    return fitted(model, train.X.rows, params.n_neighbors, trainingScores)
  },
  fromJSON(state, params) {
    const reference = createMatrix(state.rows, state.cols, decodeArray(state.reference, 'float64'))
    const kDistance = decodeArray(state.kDistance, 'float64')
    const lrd = decodeArray(state.lrd, 'float64')
    if (kDistance.length !== state.rows || lrd.length !== state.rows) {
      throw new RangeError(`stored LOF has ${state.rows} reference rows but ${kDistance.length} k-distances and ${lrd.length} densities`)
    }
    if (!(state.k >= 1 && state.k < state.rows)) throw new RangeError(`stored LOF has k = ${state.k} for ${state.rows} reference rows`)
    const search = createNeighborSearch(reference, chooseSearch(params.algorithm, state.rows, state.cols, state.k), params.leaf_size, state.p)
    return fitted({ reference, kDistance, lrd, k: state.k, p: state.p, search }, state.trainingRows, params.n_neighbors)
  },
}
