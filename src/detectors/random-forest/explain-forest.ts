import { namedExplainer } from '../../explain/named-explainer.js'
import { treeEnsembleExplainer, type TreeEnsembleExplainer, type TreeExplainerOptions } from '../../explain/tree-explainer.js'
import type { ShapTree } from '../../explain/tree-shap.js'
import type { NamedExplainer } from '../types.js'
import type { Forest } from './forest.js'

/**
 * Contributions to a random forest's P(anomaly): the mean of each tree's
 * exact TreeSHAP values, or of its Saabas path attributions when the forest
 * is above TreeSHAP's work budget (see `treeEnsembleExplainer`); either way
 * they sum to the row's score minus the forest's expected score. Built lazily
 * on the first explanation, once per model (the left-child index is implicit
 * in the preorder layout).
 */
export function forestExplainer(forest: Forest, options?: TreeExplainerOptions): NamedExplainer {
  let explainer: TreeEnsembleExplainer | undefined
  const build = (): TreeEnsembleExplainer => (explainer ??= treeEnsembleExplainer(shapTrees(forest), 1 / forest.trees, options))
  return namedExplainer((X, row) => {
    const phi = new Float64Array(X.cols)
    build().explain(X.data, row * X.cols, phi)
    return phi
  }, () => build().method)
}

/** The forest's trees as TreeSHAP sees them (they share the forest's node arrays). */
export function shapTrees(forest: Forest): ShapTree[] {
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
