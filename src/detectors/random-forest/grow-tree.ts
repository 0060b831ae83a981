import { childHistograms, rootWantsHistogram, type ChildSlots } from './child-histograms.js'
import { findSplit } from './find-split.js'
import { buildAll } from './histogram.js'
import { allocateNode, type NodeBuffer } from './node-buffer.js'
import { partition } from './partition.js'
import { releaseHistogram, takeHistogram, type GrowSettings, type TreeContext } from './tree-context.js'

/** Values per pending node on the explicit stack: parent (right children only, else -1), start, end, depth, k0, k1, histogram slot. */
const FRAME = 7

/**
 * Grow one tree depth-first on the in-bag rows `ctx.sample[0..size)` with
 * class weights [w0, w1], appending its nodes to `buf` in preorder (a left
 * child right after its parent). Each node stores its weighted cover and, as a leaf,
 * its weighted fraction of class 1; splits store a real threshold between
 * the bin edges around the chosen boundary. Returns the root's index.
 */
export function growTree(ctx: TreeContext, size: number, w0: number, w1: number, buf: NodeBuffer): number {
  const { sample, input, settings, totals, best } = ctx
  totals.w0 = w0
  totals.w1 = w1
  // a fresh feature order per tree: each tree depends only on its own seed (trees could be grown in parallel)
  for (let f = 0; f < ctx.perm.length; f++) ctx.perm[f] = f
  let k0 = 0
  let k1 = 0
  for (let k = 0; k < size; k++) {
    const r = sample[k] as number
    if (input.y[r] === 1) k1 += input.counts[r] as number
    else k0 += input.counts[r] as number
  }
  let slot = -1
  if (!isLeaf(settings, 0, size, k0, k1) && rootWantsHistogram(ctx, size)) {
    slot = takeHistogram(ctx)
    buildAll(ctx.histograms[slot] as Int32Array, ctx.featureStride, input, ctx.binned.cols, sample, 0, size)
  }
  const root = buf.size
  const stack: number[] = [-1, 0, size, 0, k0, k1, slot]
  const slots: ChildSlots = { left: -1, right: -1 }
  while (stack.length > 0) {
    const top = stack.length - FRAME
    const parent = stack[top] as number
    const start = stack[top + 1] as number
    const end = stack[top + 2] as number
    const depth = stack[top + 3] as number
    const n0 = stack[top + 4] as number
    const n1 = stack[top + 5] as number
    const hist = stack[top + 6] as number
    stack.length = top
    const node = allocateNode(buf)
    if (parent >= 0) buf.right[parent] = node
    const weight0 = w0 * n0
    const weight1 = w1 * n1
    buf.cover[node] = weight0 + weight1
    totals.k0 = n0
    totals.k1 = n1
    totals.rows = end - start
    if (isLeaf(settings, depth, end - start, n0, n1) || !findSplit(ctx, start, end, hist >= 0 ? (ctx.histograms[hist] as Int32Array) : null)) {
      buf.feature[node] = -1
      buf.value[node] = weight1 / (weight0 + weight1)
      releaseHistogram(ctx, hist)
      continue
    }
    const f = best.feature
    const edges = ctx.edges[f] as Float64Array
    const l0 = best.left0
    const l1 = best.left1
    const mid = partition(sample, ctx.tmp, start, end, input.codes, f * input.rows, best.lowBin, best.leftRows)
    buf.feature[node] = f
    // any threshold between the two edges gives the same training partition; the middle generalises best
    // (halves first: no overflow near ±1.8e308, and equal edges give the edge itself)
    buf.value[node] = (edges[best.lowBin] as number) / 2 + (edges[best.highBin - 1] as number) / 2
    const leftSplits = !isLeaf(settings, depth + 1, mid - start, l0, l1)
    const rightSplits = !isLeaf(settings, depth + 1, end - mid, n0 - l0, n1 - l1)
    childHistograms(ctx, hist, start, mid, end, leftSplits, rightSplits, slots)
    // right pushed first: the left child is popped next, so it lands at node + 1
    stack.push(node, mid, end, depth + 1, n0 - l0, n1 - l1, slots.right)
    stack.push(-1, start, mid, depth + 1, l0, l1, slots.left)
  }
  return root
}

/** Leaves: depth limit reached, too few distinct rows to split or to fill two leaves, or one class only. */
function isLeaf(s: GrowSettings, depth: number, rows: number, k0: number, k1: number): boolean {
  return depth >= s.maxDepth || rows < s.minSplit || rows < 2 * s.minLeaf || k0 === 0 || k1 === 0
}
