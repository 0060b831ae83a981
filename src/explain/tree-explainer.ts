import { saabas } from './saabas.js'
import { PathBuffer, treeFacts, treeShap, type ShapTree } from './tree-shap.js'

/** How a tree ensemble's contributions were computed, reported as `contribution_method`. */
export type ContributionMethod = 'tree_shap' | 'saabas'

/**
 * Exact TreeSHAP is used while the model's work estimate (the sum over trees
 * of `TreeFacts.work`: inner-loop steps per row, independent of the row, so
 * the choice is the same on every machine) is at most this; above it, Saabas
 * path attribution. 300,000 steps are about 1–2 ms per row on the bench
 * machine: default gradient boosting (about 140,000 at any training size)
 * and forests on a few thousand rows stay exact; fully grown forests on
 * 20k+ rows (2M–7M) use Saabas. Measured with `bench/explain-cost.ts` (see
 * docs/scores-and-thresholds.md).
 */
export const TREE_SHAP_WORK_BUDGET = 300_000

export interface TreeExplainerOptions {
  /** Work budget for exact TreeSHAP (default `TREE_SHAP_WORK_BUDGET`). */
  readonly budget?: number
  /** Use this method whatever the budget (benchmarks, tests). */
  readonly method?: ContributionMethod
}

/** Per-model attribution of a sum of trees, built once (one per loaded model: it keeps scratch buffers). */
export interface TreeEnsembleExplainer {
  readonly method: ContributionMethod
  /** The model's work estimate for exact TreeSHAP, per row. */
  readonly work: number
  /** scale × Σ E[tree]: what the contributions are measured from. */
  readonly expected: number
  /** Add `scale` × each tree's contributions for the row at `x[offset…]` into `phi`. */
  explain(x: ArrayLike<number>, offset: number, phi: Float64Array): void
}

/**
 * The explainer of `scale` × Σ trees: one pass over every tree (depth,
 * distinct features, work, expected value) decides the method once; exact
 * TreeSHAP reuses one path buffer sized for the deepest tree, Saabas one
 * array of node means per node array.
 */
export function treeEnsembleExplainer(trees: readonly ShapTree[], scale: number, options: TreeExplainerOptions = {}): TreeEnsembleExplainer {
  let work = 0
  let expected = 0
  let depth = 0
  let features = 0
  for (const tree of trees) {
    const facts = treeFacts(tree)
    work += facts.work
    expected += facts.expected
    depth = Math.max(depth, facts.depth)
    features = Math.max(features, facts.features)
  }
  expected *= scale
  const method = options.method ?? (work <= (options.budget ?? TREE_SHAP_WORK_BUDGET) ? 'tree_shap' : 'saabas')
  if (method === 'tree_shap') {
    const buffer = new PathBuffer(depth, features)
    return {
      method,
      work,
      expected,
      explain(x, offset, phi) {
        for (const tree of trees) treeShap(tree, x, offset, phi, scale, buffer)
      },
    }
  }
  // trees usually share one set of node arrays: one means array per set
  const meansOf = new Map<ArrayLike<number>, Float64Array>()
  const means = trees.map((tree) => {
    let m = meansOf.get(tree.feature)
    if (!m) {
      m = new Float64Array(tree.feature.length)
      meansOf.set(tree.feature, m)
    }
    treeFacts(tree, m)
    return m
  })
  return {
    method,
    work,
    expected,
    explain(x, offset, phi) {
      for (let t = 0; t < trees.length; t++) saabas(trees[t] as ShapTree, means[t] as Float64Array, x, offset, phi, scale)
    },
  }
}
