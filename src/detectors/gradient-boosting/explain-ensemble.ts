import { treeShap, type ShapTree } from '../../explain/tree-shap.js'
import type { Matrix } from '../../math/matrix.js'
import type { Ensemble } from './ensemble.js'

/**
 * Exact TreeSHAP of a boosted ensemble in log-odds (the space the trees add
 * up in): the values sum to the row's raw score minus the ensemble's expected
 * raw score, with training row counts as cover (as LightGBM). Built lazily.
 */
export function ensembleExplainer(ensemble: Ensemble): (X: Matrix, row: number) => Float64Array {
  let trees: ShapTree[] | undefined
  return (X, row) => {
    trees ??= shapTrees(ensemble)
    const phi = new Float64Array(X.cols)
    for (const tree of trees) treeShap(tree, X.data, row * X.cols, phi)
    return phi
  }
}

/** The ensemble's trees as TreeSHAP sees them (the right child is stored next to the left one). */
export function shapTrees(ensemble: Ensemble): ShapTree[] {
  const right = Int32Array.from(ensemble.left, (l) => l + 1)
  return Array.from(ensemble.roots, (root) => ({
    feature: ensemble.feature,
    threshold: ensemble.threshold,
    left: ensemble.left,
    right,
    value: ensemble.value,
    cover: ensemble.count,
    root,
  }))
}
