/**
 * A bounded max-heap of the k best (smallest) neighbours seen so far, ordered
 * by (reduced distance, index) so that ties between equidistant neighbours
 * are broken by the smaller index. That makes the neighbour set unique, so
 * the KD-tree and brute-force searches return exactly the same neighbours.
 */
export interface KnnHeap {
  readonly k: number
  /** Reduced distances; `dist[0]` is the worst of the k kept. */
  readonly dist: Float64Array
  /** Reference row index of each kept neighbour. */
  readonly index: Int32Array
}

const NO_INDEX = 0x7fffffff

export function createKnnHeap(k: number): KnnHeap {
  return { k, dist: new Float64Array(k), index: new Int32Array(k) }
}

/** Empty the heap: every slot holds (+Infinity, no index), which any real neighbour beats. */
export function resetKnnHeap(heap: KnnHeap): void {
  heap.dist.fill(Infinity)
  heap.index.fill(NO_INDEX)
}

/** Offer neighbour j at reduced distance rd; kept only if it beats the current worst. */
export function pushKnnHeap(heap: KnnHeap, rd: number, j: number): void {
  const dist = heap.dist
  const index = heap.index
  const top = dist[0] as number
  if (rd > top || (rd === top && j >= (index[0] as number))) return
  siftDown(dist, index, heap.k, rd, j)
}

/** Place (rd, j) at the root of the first `size` slots and restore the heap order. */
function siftDown(dist: Float64Array, index: Int32Array, size: number, rd: number, j: number): void {
  let i = 0
  for (;;) {
    const l = 2 * i + 1
    if (l >= size) break
    const r = l + 1
    let c = l
    if (r < size) {
      const dl = dist[l] as number
      const dr = dist[r] as number
      if (dr > dl || (dr === dl && (index[r] as number) > (index[l] as number))) c = r
    }
    const dc = dist[c] as number
    if (dc < rd || (dc === rd && (index[c] as number) < j)) break
    dist[i] = dc
    index[i] = index[c] as number
    i = c
  }
  dist[i] = rd
  index[i] = j
}

/** Heap-sort in place: afterwards slot 0 holds the nearest neighbour and slot k - 1 the k-th. */
export function sortKnnHeap(heap: KnnHeap): void {
  const { dist, index } = heap
  for (let end = heap.k - 1; end > 0; end--) {
    const rd = dist[end] as number
    const j = index[end] as number
    dist[end] = dist[0] as number
    index[end] = index[0] as number
    siftDown(dist, index, end, rd, j)
  }
}
