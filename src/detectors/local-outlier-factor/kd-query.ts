import type { KdTree } from './kd-tree.js'
import { pushKnnHeap, type KnnHeap } from './knn-heap.js'
import { boundedDistance, reducedGap } from './minkowski.js'

/** Scratch space for depth-first searches of one tree, reused across queries. */
export interface KdStack {
  readonly node: Int32Array
  readonly bound: Float64Array
}

export function createKdStack(tree: KdTree): KdStack {
  // a depth-first walk keeps at most one postponed sibling per level, plus the node in hand
  const depth = Math.ceil(Math.log2(tree.nodes + 1)) + 2
  return { node: new Int32Array(depth), bound: new Float64Array(depth) }
}

/**
 * Offer every reference row near row `qi` of `Q` to `heap` (whose k slots
 * should be reset), skipping reference row `exclude` (-1: none). Depth-first,
 * nearer child first; a subtree is skipped when its box is farther than the
 * current k-th neighbour. Strictly farther: an equidistant row with a smaller
 * index still wins a tie, so the result equals the brute-force search.
 */
export function queryKdTree(tree: KdTree, stack: KdStack, Q: Float64Array, qi: number, exclude: number, heap: KnnHeap, p: number): void {
  const { points, index, cols, nodes, start, end } = tree
  const worst = heap.dist
  const sNode = stack.node
  const sBound = stack.bound
  sNode[0] = 0
  sBound[0] = boxDistance(tree, 0, Q, qi, p)
  let sp = 1
  while (sp > 0) {
    sp--
    const node = sNode[sp] as number
    if ((sBound[sp] as number) > (worst[0] as number)) continue
    const left = 2 * node + 1
    if (left >= nodes) {
      const e = end[node] as number
      for (let t = start[node] as number; t < e; t++) {
        const w = worst[0] as number
        const rd = boundedDistance(Q, qi, points, t, cols, p, w)
        if (rd <= w) {
          const j = index[t] as number
          if (j !== exclude) pushKnnHeap(heap, rd, j)
        }
      }
      continue
    }
    const bl = boxDistance(tree, left, Q, qi, p)
    const br = boxDistance(tree, left + 1, Q, qi, p)
    // push the farther child first so the nearer one is searched first
    const nearFirst = bl <= br
    sNode[sp] = nearFirst ? left + 1 : left
    sBound[sp] = nearFirst ? br : bl
    sNode[sp + 1] = nearFirst ? left : left + 1
    sBound[sp + 1] = nearFirst ? bl : br
    sp += 2
  }
}

/** Reduced distance from row `qi` of `Q` to node's bounding box (0 inside it). */
function boxDistance(tree: KdTree, node: number, Q: Float64Array, qi: number, p: number): number {
  const cols = tree.cols
  const lower = tree.lower
  const upper = tree.upper
  const o = node * cols
  const qo = qi * cols
  let s = 0
  for (let j = 0; j < cols; j++) {
    const x = Q[qo + j] as number
    const lo = lower[o + j] as number
    const hi = upper[o + j] as number
    const g = x < lo ? lo - x : x > hi ? x - hi : 0
    s += p === 2 ? g * g : reducedGap(g, p)
  }
  return s
}
