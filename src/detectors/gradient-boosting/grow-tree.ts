import type { BinnedData } from './binned-data.js'
import { buildGradientHistogram } from './build-gradient-histogram.js'
import { buildHistogram } from './build-histogram.js'
import { type BestSplit, findBestSplit, type SplitRule } from './find-split.js'
import { BIN_STRIDE, countRows, type HistogramLayout, setCounts, subtractHistogram } from './histogram.js'
import { createHistogramPool } from './histogram-pool.js'
import { createNodeQueue } from './node-queue.js'
import { createNodeTable, setNode, writeNodeValues } from './node-table.js'
import { splitNode } from './split-node.js'
import { allocateNodes, type TreeBuffer } from './tree-buffer.js'

/** Everything fixed for the whole fit. `maxLeaves`/`maxDepth` are Infinity when unlimited. */
export interface GrowerConfig {
  readonly binned: BinnedData
  readonly edges: readonly Float64Array[]
  readonly layout: HistogramLayout
  readonly rule: SplitRule
  readonly learningRate: number
  readonly maxLeaves: number
  readonly maxDepth: number
  readonly levelWise: boolean
  readonly trainRows: Int32Array
}

export interface Grower {
  /** Grow one regression tree on the current gradients into `buf`; returns its root. */
  grow(grad: Float32Array, hess: Float32Array, buf: TreeBuffer): number
  /** Visit the last tree's leaves with their training rows `rows[start..end)` (grouped by leaf, so no traversal). */
  forEachLeaf(buf: TreeBuffer, root: number, visit: (rows: Int32Array, start: number, end: number, value: number) => void): void
}

/**
 * A tree grower (scikit-learn's `TreeGrower`, LightGBM's leaf-wise growth):
 * the queue holds nodes whose best split is known; popping one partitions its
 * rows, builds the smaller child's histogram from its rows and derives the
 * larger child's by subtraction from the parent's. Workspace is allocated once
 * per fit.
 */
export function createGrower(config: GrowerConfig): Grower {
  const { binned, edges, layout, rule, learningRate, maxLeaves, maxDepth, trainRows } = config
  const n = trainRows.length
  const minSplit = 2 * rule.minSamplesLeaf
  const nodes = createNodeTable(2 * Math.max(1, Math.min(maxLeaves, Math.floor(n / rule.minSamplesLeaf))) - 1)
  const { start, end, depth, sumGrad, sumHess, slot } = nodes
  const idx = new Int32Array(n)
  const context = { binned, edges, nodes, idx, scratch: new Int32Array(n) }
  const pool = createHistogramPool(layout.size, layout.blockOffsets)
  const rootCounts = countRows(binned, trainRows)
  const queue = createNodeQueue(nodes.gain, depth, config.levelWise)
  const best: BestSplit = { feature: 0, bin: 0, gain: 0, gradLeft: 0, hessLeft: 0 }
  let grad: Float32Array = new Float32Array(0)
  let hess: Float32Array = new Float32Array(0)
  const rows = (i: number): number => (end[i] as number) - (start[i] as number)

  const takeCleared = (): number => {
    const s = pool.take()
    pool.get(s).fill(0)
    return s
  }
  /** Build node i's histogram from its rows, feature block by feature block. */
  const build = (i: number): void => {
    const s = takeCleared()
    slot[i] = s
    pool.blockViews(s).forEach((view, k) => {
      buildHistogram(view, binned.blocks[k] as Uint16Array, binned.blockCols[k] as number, idx, start[i] as number, end[i] as number, grad, hess)
    })
  }
  /** The root's histogram: gradients only, then the fixed per-bin counts; its sums from any one feature's bins. */
  const buildRoot = (): void => {
    const s = takeCleared()
    slot[0] = s
    const hist = pool.get(s)
    pool.blockViews(s).forEach((view, k) => {
      buildGradientHistogram(view, binned.blocks[k] as Uint16Array, binned.blockCols[k] as number, idx, 0, n, grad, hess)
    })
    setCounts(hist, rootCounts)
    for (let b = 0; b < (layout.binCounts[0] as number); b++) {
      sumGrad[0] = (sumGrad[0] as number) + (hist[b * BIN_STRIDE] as number)
      sumHess[0] = (sumHess[0] as number) + (hist[b * BIN_STRIDE + 1] as number)
    }
  }
  /** Queue the node if some split gains; otherwise it stays a leaf and frees its histogram. */
  const consider = (i: number): void => {
    if (findBestSplit(pool.get(slot[i] as number), layout, sumGrad[i] as number, sumHess[i] as number, rows(i), i === 0, rule, best)) {
      nodes.gain[i] = best.gain
      nodes.splitFeature[i] = best.feature
      nodes.splitBin[i] = best.bin
      nodes.gradLeft[i] = best.gradLeft
      nodes.hessLeft[i] = best.hessLeft
      queue.push(i)
    } else pool.release(slot[i] as number)
  }
  return {
    grow(g, h, buf) {
      grad = g
      hess = h
      idx.set(trainRows)
      queue.clear()
      const root = allocateNodes(buf, 1)
      setNode(nodes, 0, 0, n, 0, 0, 0)
      buildRoot()
      if (n >= minSplit && (sumHess[0] as number) >= rule.minHessian) consider(0)
      else pool.release(slot[0] as number)
      let leaves = 1
      for (let node = queue.pop(); node >= 0; node = queue.pop()) {
        leaves++
        const parentSlot = slot[node] as number
        const left = splitNode(context, node, buf, root)
        const right = left + 1
        const shallow = (depth[left] as number) < maxDepth
        const splitLeft = shallow && rows(left) >= minSplit
        const splitRight = shallow && rows(right) >= minSplit
        if (leaves >= maxLeaves || (!splitLeft && !splitRight)) {
          pool.release(parentSlot)
          if (leaves >= maxLeaves) break
          continue
        }
        // scikit-learn's tie rule: the left child is "smaller" only when strictly smaller
        const small = rows(left) < rows(right) ? left : right
        build(small)
        subtractHistogram(pool.get(parentSlot), pool.get(slot[small] as number), pool.get(parentSlot))
        slot[small === left ? right : left] = parentSlot
        if (splitLeft) consider(left)
        else pool.release(slot[left] as number)
        if (splitRight) consider(right)
        else pool.release(slot[right] as number)
      }
      // whatever is still queued becomes a leaf
      for (let node = queue.pop(); node >= 0; node = queue.pop()) pool.release(slot[node] as number)
      writeNodeValues(nodes, buf, root, learningRate, rule.l2)
      return root
    },
    forEachLeaf(buf, root, visit) {
      for (let i = 0; root + i < buf.size; i++) {
        if ((buf.feature[root + i] as number) < 0) visit(idx, start[i] as number, end[i] as number, buf.value[root + i] as number)
      }
    },
  }
}
