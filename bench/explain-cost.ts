/**
 * Per-row cost of tree-ensemble explanations against scoring, in-process:
 * fits random forest and gradient boosting (default parameters) on synthetic
 * 10-column data of each size, then times one-row `score`, exact TreeSHAP
 * (the path algorithm, and from leaf tables when they fit the memory budget),
 * Saabas, and the plugin's own `explain` (whichever method its work budget
 * chose). `--reference` also times the old allocating TreeSHAP (slow: a few
 * rows). Usage: `npx tsx bench/explain-cost.ts [--sizes 2000,20000,100000] [--reference]`.
 */
import { Value } from 'typebox/value'
import type { GradientBoostingState } from '../src/detectors/gradient-boosting/index.js'
import { decodeEnsemble } from '../src/detectors/gradient-boosting/index.js'
import { shapTrees as ensembleTrees } from '../src/detectors/gradient-boosting/explain-ensemble.js'
import { shapTrees as forestTrees } from '../src/detectors/random-forest/explain-forest.js'
import { decodeForest, type RandomForestState } from '../src/detectors/random-forest/forest-state.js'
import { registry } from '../src/detectors/registry.js'
import type { Fitted } from '../src/detectors/types.js'
import { explainerMethod } from '../src/explain/named-explainer.js'
import { treeEnsembleExplainer, TREE_SHAP_WORK_BUDGET } from '../src/explain/tree-explainer.js'
import { treeFacts, type ShapTree } from '../src/explain/tree-shap.js'
import { createMatrix, type Matrix } from '../src/math/matrix.js'
import * as reference from '../test/explain/tree-shap-reference.js'
import { syntheticData } from './synthetic.js'

const COLS = 10
const PROBES = 64
const args = process.argv.slice(2)
const sizesArg = args[args.indexOf('--sizes') + 1]
const sizes = args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : [2000, 20_000, 100_000]
const withReference = args.includes('--reference')

/** Mean µs per call of `run(i)` over probe rows i, repeated until `budgetMs` has passed (at least `min` calls). */
function time(run: (i: number) => void, budgetMs: number, min = PROBES): number {
  for (let i = 0; i < Math.min(8, min); i++) run(i % PROBES) // warm-up
  let calls = 0
  const t0 = process.hrtime.bigint()
  let elapsed = 0
  while (calls < min || elapsed < budgetMs * 1e6) {
    run(calls % PROBES)
    calls++
    elapsed = Number(process.hrtime.bigint() - t0)
  }
  return elapsed / calls / 1000
}

const fmt = (v: number): string => (v >= 100 ? v.toFixed(0) : v.toFixed(1))

console.log(`TreeSHAP work budget: ${TREE_SHAP_WORK_BUDGET.toLocaleString('en-US')}`)
console.log(
  `| algorithm | rows | nodes | work | score µs | exact TreeSHAP (path) µs | ratio | exact TreeSHAP (leaf tables) µs | ratio | Saabas µs | ratio | explain() µs (method) | ratio |${withReference ? ' old TreeSHAP µs | speed-up |' : ''}`,
)
console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|${withReference ? '---:|---:|' : ''}`)
for (const rows of sizes) {
  const data = syntheticData(rows, COLS, 7)
  // one-row matrices of spread-out training rows
  const probes: Matrix[] = Array.from({ length: PROBES }, (_, p) => {
    const i = Math.floor(((p + 0.5) * rows) / PROBES)
    return createMatrix(1, COLS, data.X.data.slice(i * COLS, (i + 1) * COLS))
  })
  for (const id of ['random_forest', 'gradient_boosting']) {
    const plugin = registry.get(id)
    const params = Value.Default(plugin.params, {})
    const fitted: Fitted<unknown> = await plugin.fit({ X: data.X, featureNames: data.featureNames, y: data.y, seed: 1 }, params)
    let trees: ShapTree[]
    let scale = 1
    if (id === 'random_forest') {
      const forest = decodeForest(fitted.toJSON() as RandomForestState)
      trees = forestTrees(forest)
      scale = 1 / forest.trees
    } else {
      trees = ensembleTrees(decodeEnsemble(fitted.toJSON() as GradientBoostingState))
    }
    const nodes = trees.reduce((sum, t) => sum + treeFacts(t).nodes, 0)
    const exact = treeEnsembleExplainer(trees, scale, { method: 'tree_shap', leafTableBytes: 0 })
    const tables = treeEnsembleExplainer(trees, scale, { method: 'tree_shap' })
    const saabas = treeEnsembleExplainer(trees, scale, { method: 'saabas' })
    const phi = new Float64Array(COLS)
    const x = (i: number): Float64Array => (probes[i] as Matrix).data
    const score = time((i) => fitted.score(probes[i] as Matrix), 400)
    const exactUs = time((i) => exact.explain(x(i), 0, phi), 1500, 8)
    const tablesUs = tables.exact === 'leaf_tables' ? time((i) => tables.explain(x(i), 0, phi), 1000, 8) : undefined
    const tablesCell = tablesUs === undefined ? '– (over the memory budget) | –' : `${fmt(tablesUs)} | ${(tablesUs / score).toFixed(1)}`
    const saabasUs = time((i) => saabas.explain(x(i), 0, phi), 400)
    const explain = fitted.explain
    if (!explain) throw new Error(`${id} has no explain`)
    const publicUs = time((i) => explain(probes[i] as Matrix, 0), 1000, 8)
    const method = explainerMethod(explain) ?? '?'
    let old = ''
    if (withReference) {
      const oldUs = time((i) => {
        for (const t of trees) reference.treeShap(t, x(i), 0, phi, scale)
      }, 3000, 2)
      old = ` ${fmt(oldUs)} | ${(oldUs / exactUs).toFixed(0)}x |`
    }
    console.log(
      `| ${id} | ${rows.toLocaleString('en-US')} | ${nodes.toLocaleString('en-US')} | ${exact.work.toLocaleString('en-US')} | ${fmt(score)} | ${fmt(exactUs)} | ${(exactUs / score).toFixed(1)} | ${tablesCell} | ${fmt(saabasUs)} | ${(saabasUs / score).toFixed(2)} | ${fmt(publicUs)} (${method}) | ${(publicUs / score).toFixed(2)} |${old}`,
    )
  }
}
