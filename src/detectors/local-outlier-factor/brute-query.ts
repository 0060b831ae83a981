import type { Matrix } from '../../math/matrix.js'
import { pushKnnHeap, type KnnHeap } from './knn-heap.js'
import { boundedDistance } from './minkowski.js'

/**
 * Exhaustive search: offer every reference row except `exclude` (-1: none)
 * to `heap`. The bounded heap is the partial selection: a row farther than
 * the current k-th neighbour costs one comparison. Pays off over the KD-tree
 * when there are many features (boxes stop pruning) or k is a large share of
 * the rows.
 */
export function queryBrute(ref: Matrix, Q: Float64Array, qi: number, exclude: number, heap: KnnHeap, p: number): void {
  const { data, rows, cols } = ref
  const worst = heap.dist
  for (let j = 0; j < rows; j++) {
    const w = worst[0] as number
    const rd = boundedDistance(Q, qi, data, j, cols, p, w)
    if (rd <= w && j !== exclude) pushKnnHeap(heap, rd, j)
  }
}
