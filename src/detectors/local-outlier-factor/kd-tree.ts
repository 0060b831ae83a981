import type { Matrix } from '../../math/matrix.js'
import { selectNth } from './select-nth.js'

/**
 * A KD-tree laid out like scikit-learn's: a complete binary tree (children of
 * node i are 2i + 1 and 2i + 2) with median splits on the widest dimension,
 * so leaves hold between leaf_size and 2 x leaf_size rows and no pointers are
 * needed. Each node keeps the tight bounding box of its rows for pruning.
 */
export interface KdTree {
  /** The reference rows copied in tree order (leaf by leaf), so a leaf scan reads contiguous memory. */
  readonly points: Float64Array
  /** Reference row index of each tree position. */
  readonly index: Int32Array
  readonly rows: number
  readonly cols: number
  readonly nodes: number
  /** Node i covers tree positions [start[i], end[i]). */
  readonly start: Int32Array
  readonly end: Int32Array
  /** Node i's box is lower[i * cols + j] .. upper[i * cols + j]. */
  readonly lower: Float64Array
  readonly upper: Float64Array
  /** Internal node i split its rows on column splitDim[i]: left rows <= splitValue[i] <= right rows. */
  readonly splitDim: Int32Array
  readonly splitValue: Float64Array
}

/** Build the tree over every row of `X` (O(n d log n)). */
export function buildKdTree(X: Matrix, leafSize: number): KdTree {
  const { rows, cols, data } = X
  const levels = Math.floor(Math.log2(Math.max(1, (rows - 1) / leafSize))) + 1
  const nodes = 2 ** levels - 1
  const start = new Int32Array(nodes)
  const end = new Int32Array(nodes)
  const lower = new Float64Array(nodes * cols)
  const upper = new Float64Array(nodes * cols)
  const splitDim = new Int32Array(nodes)
  const splitValue = new Float64Array(nodes)
  const order = new Int32Array(rows)
  for (let i = 0; i < rows; i++) order[i] = i
  end[0] = rows
  // parents come before children in index order, so one forward pass builds the tree top-down
  for (let node = 0; node < nodes; node++) {
    const s = start[node] as number
    const e = end[node] as number
    const box = node * cols
    lower.fill(Infinity, box, box + cols)
    upper.fill(-Infinity, box, box + cols)
    for (let t = s; t < e; t++) {
      const o = (order[t] as number) * cols
      for (let j = 0; j < cols; j++) {
        const v = data[o + j] as number
        if (v < (lower[box + j] as number)) lower[box + j] = v
        if (v > (upper[box + j] as number)) upper[box + j] = v
      }
    }
    const left = 2 * node + 1
    if (left >= nodes) continue
    let widest = 0
    let spread = -1
    for (let j = 0; j < cols; j++) {
      const w = (upper[box + j] as number) - (lower[box + j] as number)
      if (w > spread) {
        spread = w
        widest = j
      }
    }
    const mid = s + ((e - s) >> 1)
    selectNth(order, data, cols, widest, s, e, mid)
    splitDim[node] = widest
    splitValue[node] = data[(order[mid] as number) * cols + widest] as number
    start[left] = s
    end[left] = mid
    start[left + 1] = mid
    end[left + 1] = e
  }
  const points = new Float64Array(rows * cols)
  for (let t = 0; t < rows; t++) points.set(data.subarray((order[t] as number) * cols, (order[t] as number) * cols + cols), t * cols)
  return { points, index: order, rows, cols, nodes, start, end, lower, upper, splitDim, splitValue }
}
