import type { Matrix } from '../../math/matrix.js'
import { queryBrute } from './brute-query.js'
import { buildKdTree } from './kd-tree.js'
import { createKdStack, queryKdTree } from './kd-query.js'
import type { KnnHeap } from './knn-heap.js'
import { leafOrder } from './leaf-order.js'
import type { LocalOutlierFactorParams } from './params.js'

/**
 * Above this many features 'auto' searches by brute force. Measured (CPU time
 * of fit + scoring, k = 20): on full-rank Gaussian data the KD-tree costs 0.8x
 * brute force at 10 features, 1.0-1.2x from 12 to 30 and 1.4x at 64; on real
 * data it wins far more than it ever loses (ODDS satellite, 36 features:
 * 0.46x; shuttle, 9 features, 49k rows: 0.10x), and its lead grows with the
 * row count because brute force is quadratic. scikit-learn's cut-off (15)
 * reflects its BLAS-backed brute force, which we do not have.
 */
export const KD_TREE_MAX_FEATURES = 40

export type SearchKind = 'kd_tree' | 'brute'

/** k-nearest-neighbour search over a fixed reference set. */
export interface NeighborSearch {
  readonly kind: SearchKind
  /** Reference rows in an order where consecutive rows are close (tree order), for cache-friendly all-pairs queries. */
  readonly order: Int32Array
  /** An order of the rows of `Q` in which consecutive queries are close, for the same reason. */
  queryOrder(Q: Matrix): Int32Array
  /** Offer the neighbours of row `qi` of `Q` (row-major, reference width) to `heap`, skipping reference row `exclude` (-1: none). */
  query(Q: Float64Array, qi: number, exclude: number, heap: KnnHeap): void
}

/** The search 'auto' picks, as scikit-learn does: brute force for wide data or when k is half the rows or more. */
export function chooseSearch(algorithm: LocalOutlierFactorParams['algorithm'], rows: number, cols: number, k: number): SearchKind {
  if (algorithm !== 'auto') return algorithm
  return cols > KD_TREE_MAX_FEATURES || k >= rows >> 1 ? 'brute' : 'kd_tree'
}

export function createNeighborSearch(ref: Matrix, kind: SearchKind, leafSize: number, p: number): NeighborSearch {
  if (kind === 'brute') {
    return { kind, order: identity(ref.rows), queryOrder: (Q) => identity(Q.rows), query: (Q, qi, exclude, heap) => queryBrute(ref, Q, qi, exclude, heap, p) }
  }
  const tree = buildKdTree(ref, leafSize)
  const stack = createKdStack(tree)
  return { kind, order: tree.index, queryOrder: (Q) => leafOrder(tree, Q), query: (Q, qi, exclude, heap) => queryKdTree(tree, stack, Q, qi, exclude, heap, p) }
}

function identity(n: number): Int32Array {
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  return order
}
