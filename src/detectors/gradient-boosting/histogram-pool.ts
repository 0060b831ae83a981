/**
 * Reusable histogram buffers: a node holds one from the moment its histogram
 * is built until it is split or becomes a leaf, so a tree needs at most
 * (leaves + 1) at once, and later trees reuse them. Each buffer comes with a
 * view per feature block, starting at the block's first bin.
 */
export interface HistogramPool {
  /** Take a free slot (allocating one if none is free) and return its id. */
  take(): number
  release(slot: number): void
  get(slot: number): Float64Array
  blockViews(slot: number): readonly Float64Array[]
}

export function createHistogramPool(size: number, blockOffsets: Int32Array): HistogramPool {
  const buffers: Float64Array[] = []
  const views: Float64Array[][] = []
  const free: number[] = []
  const check = (slot: number): number => {
    if (!(slot >= 0 && slot < buffers.length)) throw new RangeError(`no histogram slot ${slot}`)
    return slot
  }
  return {
    take() {
      const slot = free.pop()
      if (slot !== undefined) return slot
      const buffer = new Float64Array(size)
      buffers.push(buffer)
      views.push(Array.from(blockOffsets, (offset) => buffer.subarray(offset)))
      return buffers.length - 1
    },
    release(slot) {
      free.push(slot)
    },
    get: (slot) => buffers[check(slot)] as Float64Array,
    blockViews: (slot) => views[check(slot)] as Float64Array[],
  }
}
