import { addLeafPathStats, buildLeafTables, leafTablesShap, PATH_ENTRY_BYTES, planLeafTables, type LeafPathStats } from './leaf-tables.js'
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

/**
 * Memory allowed per model for exact TreeSHAP from leaf tables
 * (`leaf-tables.ts`): the leaves' paths, plus a table of 2^d doubles for each
 * leaf whose path splits on d distinct features, as many as fit. Within it
 * (and the work budget), a row costs about one pass over the leaves' paths:
 * default gradient boosting on 20,000 rows (2,700 leaves, 17,000 path
 * entries) needs about 12 MB with every leaf tabled. Fully grown forests do
 * not fit and use the path algorithm or Saabas.
 */
export const LEAF_TABLE_BYTES = 16 * 1024 * 1024

export interface TreeExplainerOptions {
  /** Work budget for exact TreeSHAP (default `TREE_SHAP_WORK_BUDGET`). */
  readonly budget?: number
  /** Use this method whatever the budget (benchmarks, tests). */
  readonly method?: ContributionMethod
  /** Bytes allowed for leaf tables (default `LEAF_TABLE_BYTES`; 0 = always the path algorithm). */
  readonly leafTableBytes?: number
}

/** Per-model attribution of a sum of trees, built once (one per loaded model: it keeps scratch buffers). */
export interface TreeEnsembleExplainer {
  readonly method: ContributionMethod
  /** For tree_shap: from precomputed leaf tables, or the path algorithm. */
  readonly exact?: 'leaf_tables' | 'path'
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
  const tableBytes = options.leafTableBytes ?? LEAF_TABLE_BYTES
  const stats: LeafPathStats = { leaves: 0, pathEntries: 0, byFeatures: [], bitSplits: 0 }
  for (const tree of trees) {
    // stop counting once the paths alone cannot fit
    if (stats.pathEntries * PATH_ENTRY_BYTES <= tableBytes) addLeafPathStats(tree, stats)
    const facts = treeFacts(tree)
    work += facts.work
    expected += facts.expected
    depth = Math.max(depth, facts.depth)
    features = Math.max(features, facts.features)
  }
  expected *= scale
  const budget = options.budget ?? TREE_SHAP_WORK_BUDGET
  const plan = planLeafTables(stats, tableBytes)
  const tablesFit = plan !== undefined && plan.work <= budget
  const method = options.method ?? (tablesFit || work <= budget ? 'tree_shap' : 'saabas')
  if (method === 'tree_shap' && tablesFit) {
    const tables = buildLeafTables(trees, scale, plan.tableFeatures, stats)
    return {
      method,
      exact: 'leaf_tables',
      work,
      expected,
      explain(x, offset, phi) {
        leafTablesShap(tables, x, offset, phi)
      },
    }
  }
  if (method === 'tree_shap') {
    const buffer = new PathBuffer(depth, features)
    return {
      method,
      exact: 'path',
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
