/**
 * Growable node arrays shared by every tree of one ensemble. Children are
 * always allocated in pairs, so the right child of node i is `left[i] + 1`.
 * `bin` is the split threshold as a bin, used only while training to
 * route binned validation rows.
 */
export interface TreeBuffer {
  feature: Int32Array
  threshold: Float64Array
  bin: Uint8Array
  left: Int32Array
  value: Float64Array
  hessian: Float64Array
  count: Int32Array
  size: number
}

export function createTreeBuffer(capacity: number): TreeBuffer {
  const n = Math.max(1, capacity)
  return {
    feature: new Int32Array(n),
    threshold: new Float64Array(n),
    bin: new Uint8Array(n),
    left: new Int32Array(n),
    value: new Float64Array(n),
    hessian: new Float64Array(n),
    count: new Int32Array(n),
    size: 0,
  }
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(old: T, fresh: T): T {
  fresh.set(old)
  return fresh
}

/** Reserve `count` consecutive nodes (marked as leaves) and return the first index. */
export function allocateNodes(buf: TreeBuffer, count: number): number {
  const first = buf.size
  const needed = first + count
  if (needed > buf.feature.length) {
    const n = Math.max(needed, buf.feature.length * 2)
    buf.feature = grown(buf.feature, new Int32Array(n))
    buf.threshold = grown(buf.threshold, new Float64Array(n))
    buf.bin = grown(buf.bin, new Uint8Array(n))
    buf.left = grown(buf.left, new Int32Array(n))
    buf.value = grown(buf.value, new Float64Array(n))
    buf.hessian = grown(buf.hessian, new Float64Array(n))
    buf.count = grown(buf.count, new Int32Array(n))
  }
  buf.feature.fill(-1, first, needed)
  buf.size = needed
  return first
}
