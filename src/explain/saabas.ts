import type { ShapTree } from './tree-shap.js'

/**
 * Saabas path attribution for one tree (Saabas 2014, "treeinterpreter"):
 * walk the row's decision path and credit each split's feature with the
 * change in the cover-weighted expected value from the node to the child the
 * row takes. O(depth) per tree, like scoring. The values telescope to
 * tree(x) − E[tree] (to rounding), as TreeSHAP's do, but they are not Shapley
 * values: a feature's credit depends on where it is split in the tree (features
 * split near the root tend to get less), and interactions are credited to
 * whichever feature splits last.
 *
 * `means[node]` is the cover-weighted mean of the node's leaves (`treeFacts`
 * writes it); the values in `x` start at `offset`. Adds into `phi`, scaled.
 */
export function saabas(tree: ShapTree, means: ArrayLike<number>, x: ArrayLike<number>, offset: number, phi: Float64Array, scale = 1): void {
  const { feature, threshold, left, right } = tree
  let node = tree.root
  let f = feature[node] as number
  while (f >= 0) {
    const child = (x[offset + f] as number) <= (threshold[node] as number) ? (left[node] as number) : (right[node] as number)
    phi[f] = (phi[f] as number) + ((means[child] as number) - (means[node] as number)) * scale
    node = child
    f = feature[node] as number
  }
}
