/** Nodes waiting to be split, best first. */
export interface NodeQueue {
  push(node: number): void
  /** Remove and return the best node; -1 when empty. */
  pop(): number
  readonly size: number
  clear(): void
}

/**
 * A binary heap of node ids ordered by the grower's per-node arrays: largest
 * gain first (leaf-wise growth), or shallowest first and then largest gain
 * (level-wise growth). Equal keys pop the lower node id first, so growth is
 * deterministic.
 */
export function createNodeQueue(gain: Float64Array, depth: Int32Array, levelWise: boolean): NodeQueue {
  let heap = new Int32Array(64)
  let size = 0
  const before = (a: number, b: number): boolean => {
    if (levelWise && depth[a] !== depth[b]) return (depth[a] as number) < (depth[b] as number)
    if (gain[a] !== gain[b]) return (gain[a] as number) > (gain[b] as number)
    return a < b
  }
  return {
    get size() {
      return size
    },
    clear() {
      size = 0
    },
    push(node) {
      if (size === heap.length) {
        const bigger = new Int32Array(heap.length * 2)
        bigger.set(heap)
        heap = bigger
      }
      let i = size++
      while (i > 0) {
        const parent = (i - 1) >> 1
        const p = heap[parent] as number
        if (!before(node, p)) break
        heap[i] = p
        i = parent
      }
      heap[i] = node
    },
    pop() {
      if (size === 0) return -1
      const top = heap[0] as number
      const last = heap[--size] as number
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        if (l >= size) break
        const r = l + 1
        const c = r < size && before(heap[r] as number, heap[l] as number) ? r : l
        if (!before(heap[c] as number, last)) break
        heap[i] = heap[c] as number
        i = c
      }
      heap[i] = last
      return top
    },
  }
}
