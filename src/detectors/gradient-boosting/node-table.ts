import { HESSIAN_FLOOR } from './find-split.js'
import type { TreeBuffer } from './tree-buffer.js'

/**
 * Per-node working state of the tree being grown, indexed by node id relative
 * to the tree's root (children come in pairs, as in `TreeBuffer`).
 */
export interface NodeTable {
  /** The node's rows are `idx[start..end)` of the grower's row index. */
  readonly start: Int32Array
  readonly end: Int32Array
  readonly depth: Int32Array
  readonly sumGrad: Float64Array
  readonly sumHess: Float64Array
  /** Histogram pool slot while the node holds one. */
  readonly slot: Int32Array
  /** The node's best split, once known. */
  readonly gain: Float64Array
  readonly splitFeature: Int32Array
  readonly splitBin: Int32Array
  readonly gradLeft: Float64Array
  readonly hessLeft: Float64Array
}

export function createNodeTable(capacity: number): NodeTable {
  return {
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    depth: new Int32Array(capacity),
    sumGrad: new Float64Array(capacity),
    sumHess: new Float64Array(capacity),
    slot: new Int32Array(capacity),
    gain: new Float64Array(capacity),
    splitFeature: new Int32Array(capacity),
    splitBin: new Int32Array(capacity),
    gradLeft: new Float64Array(capacity),
    hessLeft: new Float64Array(capacity),
  }
}

/** Set where a node's rows are and its gradient sums. */
export function setNode(t: NodeTable, i: number, start: number, end: number, depth: number, sumGrad: number, sumHess: number): void {
  t.start[i] = start
  t.end[i] = end
  t.depth[i] = depth
  t.sumGrad[i] = sumGrad
  t.sumHess[i] = sumHess
}

/**
 * Write the tree's per-node outputs: value -learning_rate * G / (H + λ)
 * (scikit-learn's leaf value, kept for inner nodes too) and cover (hessian
 * sum and row count).
 */
export function writeNodeValues(t: NodeTable, buf: TreeBuffer, root: number, learningRate: number, l2: number): void {
  for (let i = 0; root + i < buf.size; i++) {
    buf.value[root + i] = (-learningRate * (t.sumGrad[i] as number)) / ((t.sumHess[i] as number) + l2 + HESSIAN_FLOOR)
    buf.hessian[root + i] = t.sumHess[i] as number
    buf.count[root + i] = (t.end[i] as number) - (t.start[i] as number)
  }
}
