import type { Matrix } from '../../math/matrix.js'
import type { NeighborSearch } from './neighbor-search.js'

/** A fitted local outlier factor model (scikit-learn's `novelty=True`): the reference set and its densities. */
export interface LofModel {
  /** Training rows new rows are compared with (all of them, or a `max_samples` subsample). */
  readonly reference: Matrix
  /** Distance from each reference row to its k-th nearest other reference row. */
  readonly kDistance: Float64Array
  /** Local reachability density of each reference row. */
  readonly lrd: Float64Array
  /** Neighbours used, after capping at reference rows - 1. */
  readonly k: number
  /** Minkowski power of the distance. */
  readonly p: number
  /** Search structure over `reference`; rebuilt on load, never stored. */
  readonly search: NeighborSearch
}
