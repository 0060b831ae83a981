import type { BinnedData } from './binned-data.js'
import { type NodeTable, setNode } from './node-table.js'
import { partitionRows } from './partition-rows.js'
import { allocateNodes, type TreeBuffer } from './tree-buffer.js'

/** What applying a split needs: the binned rows, the real-valued edges, and the grower's row index. */
export interface SplitContext {
  readonly binned: BinnedData
  readonly edges: readonly Float64Array[]
  readonly nodes: NodeTable
  readonly idx: Int32Array
  readonly scratch: Int32Array
}

/**
 * Apply node i's best split: partition its rows, record the split in the
 * tree (feature, real threshold = the bin's upper edge, and the bin itself
 * for binned rows), and create its two children with the gradient sums the
 * split search already found. Returns the left child's id.
 */
export function splitNode(ctx: SplitContext, i: number, buf: TreeBuffer, root: number): number {
  const { binned, nodes } = ctx
  const f = nodes.splitFeature[i] as number
  const b = nodes.splitBin[i] as number
  const start = nodes.start[i] as number
  const end = nodes.end[i] as number
  const mid = partitionRows(ctx.idx, ctx.scratch, start, end, binned.columns[f] as Uint8Array, b)
  const children = allocateNodes(buf, 2)
  buf.feature[root + i] = f
  buf.threshold[root + i] = (ctx.edges[f] as Float64Array)[b] as number
  buf.bin[root + i] = b
  buf.left[root + i] = children
  const left = children - root
  const depth = (nodes.depth[i] as number) + 1
  const gl = nodes.gradLeft[i] as number
  const hl = nodes.hessLeft[i] as number
  setNode(nodes, left, start, mid, depth, gl, hl)
  setNode(nodes, left + 1, mid, end, depth, (nodes.sumGrad[i] as number) - gl, (nodes.sumHess[i] as number) - hl)
  return left
}
