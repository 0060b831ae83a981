import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Static } from 'typebox'
import { Value } from 'typebox/value'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensembleExplainer, shapTrees as ensembleTrees } from '../../src/detectors/gradient-boosting/explain-ensemble.js'
import { decodeEnsemble, type GradientBoostingState } from '../../src/detectors/gradient-boosting/index.js'
import { forestExplainer, shapTrees as forestTrees } from '../../src/detectors/random-forest/explain-forest.js'
import { decodeForest, type RandomForestState } from '../../src/detectors/random-forest/forest-state.js'
import { registry } from '../../src/detectors/registry.js'
import { explainerMethod } from '../../src/explain/named-explainer.js'
import { treeEnsembleExplainer } from '../../src/explain/tree-explainer.js'
import type { Matrix } from '../../src/math/matrix.js'
import { plantedAnomalies } from '../detectors/planted.js'
import { buildTestApp, multipart, sampleCsv, type TestApp } from '../helper.js'
import * as reference from './tree-shap-reference.js'

const sum = (v: Float64Array): number => v.reduce((a, b) => a + b, 0)

async function fit(id: string, X: Matrix, y: Uint8Array, overrides: Record<string, unknown>) {
  const plugin = registry.get(id)
  const params = { ...(Value.Default(plugin.params, {}) as object), ...overrides } as Static<typeof plugin.params>
  return plugin.fit({ X, featureNames: ['a', 'b', 'c', 'd'], y, seed: 4 }, params)
}

describe('tree ensemble explainers through the plugin API', () => {
  const { X, y } = plantedAnomalies(300, 4, 0.1, 11, true)

  it('random forest: exact TreeSHAP (as the reference) under the budget, Saabas above; both sum to score − E[score]', async () => {
    const fitted = await fit('random_forest', X, y, { n_estimators: 15 })
    const forest = decodeForest(fitted.toJSON() as RandomForestState)
    const trees = forestTrees(forest)
    const { expected } = treeEnsembleExplainer(trees, 1 / forest.trees)
    const low = forestExplainer(forest, { budget: 1, leafTableBytes: 0 })
    const scores = fitted.score(X)
    for (let row = 0; row < 30; row++) {
      const phi = fitted.explain?.(X, row)
      if (!phi) throw new Error('no explanation')
      expect(Math.abs(sum(phi) - ((scores[row] as number) - expected))).toBeLessThan(1e-9)
      const slow = new Float64Array(4)
      for (const t of trees) reference.treeShap(t, X.data, row * 4, slow, 1 / forest.trees)
      phi.forEach((v, j) => expect(Math.abs(v - (slow[j] as number))).toBeLessThan(1e-12 * Math.max(1, Math.abs(v))))
      expect(Math.abs(sum(low(X, row)) - ((scores[row] as number) - expected))).toBeLessThan(1e-9)
    }
    expect(explainerMethod(fitted.explain)).toBe('tree_shap')
    expect(low.method).toBe('saabas')
  })

  it('gradient boosting: the same, in log-odds', async () => {
    const fitted = await fit('gradient_boosting', X, y, { max_iter: 25 })
    const ensemble = decodeEnsemble(fitted.toJSON() as GradientBoostingState)
    const trees = ensembleTrees(ensemble)
    const expectedRaw = ensemble.baseline + treeEnsembleExplainer(trees, 1).expected
    const low = ensembleExplainer(ensemble, { budget: 1, leafTableBytes: 0 })
    expect(low.method).toBe('saabas') // read before any call: decided on access
    const scores = fitted.score(X)
    for (let row = 0; row < 30; row++) {
      const p = scores[row] as number
      const raw = Math.log(p / (1 - p))
      const phi = fitted.explain?.(X, row)
      if (!phi) throw new Error('no explanation')
      expect(Math.abs(sum(phi) - (raw - expectedRaw))).toBeLessThan(1e-9)
      const slow = new Float64Array(4)
      for (const t of trees) reference.treeShap(t, X.data, row * 4, slow)
      phi.forEach((v, j) => expect(Math.abs(v - (slow[j] as number))).toBeLessThan(1e-12 * Math.max(1, Math.abs(v))))
      expect(Math.abs(sum(low(X, row)) - (raw - expectedRaw))).toBeLessThan(1e-9)
    }
    expect(explainerMethod(fitted.explain)).toBe('tree_shap')
  })
})

describe('contribution_method in /predict', () => {
  let t: TestApp
  let storage = ''
  let dataset = ''
  beforeAll(async () => {
    storage = await mkdtemp(path.join(tmpdir(), 'vigil-explain-'))
    t = await buildTestApp({}, storage)
    dataset = (await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('d.csv', sampleCsv(300)) })).json().dataset_id as string
  })
  afterAll(async () => {
    await t.close()
    await rm(storage, { recursive: true, force: true })
  })

  it.each([
    ['random_forest', { n_estimators: 10 }, 'tree_shap'],
    ['local_outlier_factor', {}, 'robust_z'],
  ])('%s (%o) reports %s', async (algorithm, params, method) => {
    const trained = await t.app.inject({
      method: 'POST',
      url: `/train/${dataset}`,
      payload: { algorithm, target_column: 'price', feature_columns: ['volume', 'amount'], label_column: 'is_anomaly', params },
    })
    expect(trained.statusCode).toBe(200)
    const model = trained.json().model_id as string
    const data = { price: 190, volume: 1000, amount: 10000, timestamp: '2024-03-01T10:00:00Z' }
    const res = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: model, data } })
    expect(res.statusCode).toBe(200)
    expect(res.json().prediction.contribution_method).toBe(method)
    const quick = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: model, data, explain: false } })
    expect(quick.json().prediction.contribution_method).toBeUndefined()
  })
})
