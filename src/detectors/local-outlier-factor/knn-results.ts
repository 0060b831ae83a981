import { sortKnnHeap, type KnnHeap } from './knn-heap.js'
import { toDistance } from './minkowski.js'

/** Sort a filled heap nearest first and turn its reduced distances into true distances, in place. */
export function finishKnn(heap: KnnHeap, p: number): void {
  sortKnnHeap(heap)
  const dist = heap.dist
  for (let i = 0; i < heap.k; i++) dist[i] = toDistance(dist[i] as number, p)
}
