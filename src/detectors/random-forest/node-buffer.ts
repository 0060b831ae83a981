import { InvalidInputError } from '../../errors.js'

/**
 * Most nodes a forest may have: 12M nodes are 288 MB in memory and about
 * 390 MB of base64 in state.json, below V8's ~512 MB string limit that
 * saving the model runs into. Trees grown to purity on noisy labels reach it
 * (1M rows with random labels: ~40M nodes); refusing early beats failing
 * after training, when the model cannot be saved.
 */
export const MAX_NODES = 12_000_000

/** Growable node arrays shared by every tree of one forest (see `Forest` for their meaning). */
export interface NodeBuffer {
  feature: Int32Array
  right: Int32Array
  value: Float64Array
  cover: Float64Array
  size: number
  /** Most nodes allowed (`MAX_NODES` outside tests). */
  readonly limit: number
}

export function createNodeBuffer(capacity: number, limit = MAX_NODES): NodeBuffer {
  const c = Math.max(1, Math.min(capacity, limit))
  return { feature: new Int32Array(c), right: new Int32Array(c), value: new Float64Array(c), cover: new Float64Array(c), size: 0, limit }
}

/** Append one node and return its index; grows by doubling, up to the buffer's limit. */
export function allocateNode(buf: NodeBuffer): number {
  const node = buf.size
  if (node === buf.feature.length) {
    if (node >= buf.limit) {
      throw new InvalidInputError(
        `random_forest stopped: the trees passed ${buf.limit} nodes, too large to store. Limit their size with max_depth (e.g. 20) or min_samples_leaf (e.g. 5), or use fewer n_estimators`,
        { field: 'max_depth', limit: buf.limit },
      )
    }
    const capacity = Math.min(buf.limit, buf.feature.length * 2)
    buf.feature = grow(buf.feature, new Int32Array(capacity))
    buf.right = grow(buf.right, new Int32Array(capacity))
    buf.value = grow(buf.value, new Float64Array(capacity))
    buf.cover = grow(buf.cover, new Float64Array(capacity))
  }
  buf.size = node + 1
  return node
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from)
  return to
}

/** Exact-size copies of the used part, so the model does not keep the doubling slack. */
export function trimNodes(buf: NodeBuffer): Pick<NodeBuffer, 'feature' | 'right' | 'value' | 'cover'> {
  return {
    feature: buf.feature.slice(0, buf.size),
    right: buf.right.slice(0, buf.size),
    value: buf.value.slice(0, buf.size),
    cover: buf.cover.slice(0, buf.size),
  }
}
