import { treeShap, type ShapTree } from '../../explain/tree-shap.js'
import type { Matrix } from '../../math/matrix.js'
import type { Forest } from './forest.js'

/**
 * Exact TreeSHAP of a random forest's P(anomaly): the mean of each tree's SHAP
 * values, so they sum to the row's score minus the forest's expected score.
 * Built lazily on the first explanation (the left-child index is implicit in
 * the preorder layout).
 */
export function forestExplainer(forest: Forest): (X: Matrix, row: number) => Float64Array {
  let trees: ShapTree[] | undefined
  return (X, row) => {
    trees ??= shapTrees(forest)
    const phi = new Float64Array(X.cols)
    for (const tree of trees) treeShap(tree, X.data, row * X.cols, phi, 1 / forest.trees)
    return phi
  }
}

function shapTrees(forest: Forest): ShapTree[] {
  const left = Int32Array.from({ length: forest.feature.length }, (_, i) => i + 1)
  return Array.from(forest.roots, (root) => ({
    feature: forest.feature,
    threshold: forest.value,
    left,
    right: forest.right,
    value: forest.value,
    cover: forest.cover,
    root,
  }))
}
