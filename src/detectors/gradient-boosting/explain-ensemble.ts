import { namedExplainer } from '../../explain/named-explainer.js'
import { treeEnsembleExplainer, type TreeEnsembleExplainer, type TreeExplainerOptions } from '../../explain/tree-explainer.js'
import type { ShapTree } from '../../explain/tree-shap.js'
import type { NamedExplainer } from '../types.js'
import type { Ensemble } from './ensemble.js'

/**
 * Contributions to a boosted ensemble's score in log-odds (the space the
 * trees add up in): exact TreeSHAP, or Saabas path attribution above
 * TreeSHAP's work budget (see `treeEnsembleExplainer`). The values sum to the
 * row's raw score minus the ensemble's expected raw score, with training row
 * counts as cover (as LightGBM). Built lazily, once per model.
 */
export function ensembleExplainer(ensemble: Ensemble, options?: TreeExplainerOptions): NamedExplainer {
  let explainer: TreeEnsembleExplainer | undefined
  const build = (): TreeEnsembleExplainer => (explainer ??= treeEnsembleExplainer(shapTrees(ensemble), 1, options))
  return namedExplainer((X, row) => {
    const phi = new Float64Array(X.cols)
    build().explain(X.data, row * X.cols, phi)
    return phi
  }, () => build().method)
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
