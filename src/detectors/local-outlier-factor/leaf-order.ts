import type { Matrix } from '../../math/matrix.js'
import type { KdTree } from './kd-tree.js'

/**
 * An order of the rows of `Q` grouped by the tree leaf each falls in, so
 * that consecutive queries visit the same parts of the reference set while
 * they are still in cache (a counting sort over leaves: O(rows x depth)).
 */
export function leafOrder(tree: KdTree, Q: Matrix): Int32Array {
  const { nodes, splitDim, splitValue } = tree
  const firstLeaf = nodes >> 1
  const counts = new Int32Array(nodes - firstLeaf + 1)
  const leafOf = new Int32Array(Q.rows)
  const cols = Q.cols
  const data = Q.data
  for (let r = 0; r < Q.rows; r++) {
    let node = 0
    while (node < firstLeaf) {
      node = 2 * node + ((data[r * cols + (splitDim[node] as number)] as number) < (splitValue[node] as number) ? 1 : 2)
    }
    const leaf = node - firstLeaf
    leafOf[r] = leaf
    counts[leaf + 1] = (counts[leaf + 1] as number) + 1
  }
  for (let l = 1; l < counts.length; l++) counts[l] = (counts[l] as number) + (counts[l - 1] as number)
  const order = new Int32Array(Q.rows)
  for (let r = 0; r < Q.rows; r++) {
    const leaf = leafOf[r] as number
    const at = counts[leaf] as number
    order[at] = r
    counts[leaf] = at + 1
  }
  return order
}
