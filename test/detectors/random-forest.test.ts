import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { fitForest } from '../../src/detectors/random-forest/fit-forest.js'
import type { Forest } from '../../src/detectors/random-forest/forest.js'
import { decodeForest } from '../../src/detectors/random-forest/forest-state.js'
import { randomForest } from '../../src/detectors/random-forest/index.js'
import { allocateNode, createNodeBuffer } from '../../src/detectors/random-forest/node-buffer.js'
import { bootstrapDraws, featuresPerSplit, minSamplesLeaf, minSamplesSplit, RandomForestParams } from '../../src/detectors/random-forest/params.js'
import { matrixFromRows, type Matrix } from '../../src/math/matrix.js'
import { rocAuc } from '../../src/math/metrics.js'
import { plantedAnomalies } from './planted.js'

const defaults = Value.Default(RandomForestParams, {}) as RandomForestParams
/** One tree on every row once, all features at every split: a plain CART tree. */
const single: RandomForestParams = { ...defaults, n_estimators: 1, bootstrap: false, max_features: null }

async function fitState(X: Matrix, y: Uint8Array, params: RandomForestParams, seed = 1): Promise<Forest> {
  const fitted = await randomForest.fit({ X, y, featureNames: X.cols === 1 ? ['x'] : [], seed }, params)
  return decodeForest(fitted.toJSON())
}

function leaves(forest: Forest): number[] {
  return [...forest.feature.keys()].filter((i) => (forest.feature[i] as number) < 0)
}

function depths(forest: Forest): Int32Array {
  const depth = new Int32Array(forest.feature.length)
  for (let i = 0; i < depth.length; i++) {
    if ((forest.feature[i] as number) < 0) continue
    depth[i + 1] = (depth[i] as number) + 1
    depth[forest.right[i] as number] = (depth[i] as number) + 1
  }
  return depth
}

describe('random forest (histogram CART, scikit-learn semantics)', () => {
  it('has scikit-learn 1.2 defaults', () => {
    expect(defaults).toEqual({
      n_estimators: 100,
      max_depth: null,
      min_samples_split: 2,
      min_samples_leaf: 1,
      max_features: 'sqrt',
      bootstrap: true,
      max_samples: null,
      class_weight: null,
      max_bins: 255,
    })
  })

  it('finds a perfectly separating split at the midpoint between the classes', async () => {
    const X = matrixFromRows([[3], [0], [8], [1], [2], [9], [4], [5], [6], [7]])
    const y = Uint8Array.from([0, 0, 1, 0, 0, 1, 0, 0, 0, 1])
    const forest = await fitState(X, y, single)
    expect(Array.from(forest.feature)).toEqual([0, -1, -1])
    expect(forest.value[0]).toBe(6.5)
    expect(forest.right[0]).toBe(2)
    expect([forest.value[1], forest.value[2]]).toEqual([0, 1])
    expect([forest.cover[0], forest.cover[1], forest.cover[2]]).toEqual([10, 7, 3])
    const fitted = await randomForest.fit({ X, y, featureNames: ['x'], seed: 1 }, single)
    expect(Array.from(fitted.score(matrixFromRows([[6.5], [6.50001], [-100], [100]])))).toEqual([0, 1, 0, 1])
  })

  it('ignores a feature that does not separate and splits on the one that does', async () => {
    const X = matrixFromRows(Array.from({ length: 40 }, (_, i) => [i % 2, i]))
    const y = Uint8Array.from({ length: 40 }, (_, i) => (i >= 30 ? 1 : 0))
    const forest = await fitState(X, y, single)
    expect(forest.feature[0]).toBe(1)
    expect(forest.value[0]).toBe(29.5)
    expect(leaves(forest)).toHaveLength(2)
  })

  it('keeps at least min_samples_leaf rows in every leaf', async () => {
    const { X, y } = plantedAnomalies(400, 3, 0.2)
    const leafCounts: number[] = []
    for (const minLeaf of [1, 7, 25]) {
      const forest = await fitState(X, y, { ...single, min_samples_leaf: minLeaf })
      // bootstrap off and no class weights: a node's cover is its row count
      const smallest = Math.min(...leaves(forest).map((i) => forest.cover[i] as number))
      expect(smallest).toBeGreaterThanOrEqual(minLeaf)
      leafCounts.push(leaves(forest).length)
    }
    expect(leafCounts[0]).toBeGreaterThan(leafCounts[1] as number)
    expect(leafCounts[1]).toBeGreaterThan(leafCounts[2] as number)
  })

  it('stops at max_depth and splits no node below min_samples_split rows', async () => {
    const { X, y } = plantedAnomalies(400, 3, 0.2)
    const unlimited = await fitState(X, y, single)
    expect(Math.max(...depths(unlimited))).toBeGreaterThan(3)
    const shallow = await fitState(X, y, { ...single, max_depth: 3 })
    expect(Math.max(...depths(shallow))).toBe(3)
    const coarse = await fitState(X, y, { ...single, min_samples_split: 50 })
    for (let i = 0; i < coarse.feature.length; i++) if ((coarse.feature[i] as number) >= 0) expect(coarse.cover[i]).toBeGreaterThanOrEqual(50)
  })

  it("weighs classes with 'balanced': leaf values and covers follow n / (2 x class count)", async () => {
    // x = 0 cannot be split further: 6 normal rows and 2 anomalies share it
    const X = matrixFromRows([[0], [0], [0], [0], [0], [0], [0], [0], [1], [1]])
    const y = Uint8Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
    const plain = await fitState(X, y, single)
    expect(plain.value[1]).toBe(2 / 8)
    // w0 = 10 / 12, w1 = 10 / 8: the impure leaf becomes (2 x 1.25) / (6 x 0.8333 + 2 x 1.25) = 1/3
    for (const mode of ['balanced', 'balanced_subsample'] as const) {
      const weighted = await fitState(X, y, { ...single, class_weight: mode })
      expect(weighted.value[1]).toBeCloseTo(1 / 3, 12)
      expect(weighted.value[2]).toBe(1)
      expect(weighted.cover[0]).toBeCloseTo(10, 12)
      expect(weighted.cover[1]).toBeCloseTo(7.5, 12)
    }
  })

  it('weighs rows by their bootstrap counts instead of copying them', async () => {
    const { X, y } = plantedAnomalies(1001, 3, 0.1)
    const forest = await fitState(X, y, { ...defaults, n_estimators: 5, max_samples: 0.5 })
    // every tree's root covers exactly the number of draws (duplicates included)
    for (const root of forest.roots) expect(forest.cover[root]).toBe(bootstrapDraws(0.5, 1001))
    expect(bootstrapDraws(0.5, 1001)).toBe(500) // 500.5 rounds half to even, as in Python
  })

  it('scores probabilities in [0, 1] that rank planted anomalies first', async () => {
    const { X, y } = plantedAnomalies(600, 5, 0.05, 9)
    const fitted = await randomForest.fit({ X, y, featureNames: [], seed: 3 }, { ...defaults, n_estimators: 30 })
    const test = plantedAnomalies(600, 5, 0.05, 10)
    const scores = fitted.score(test.X)
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true)
    expect(rocAuc(scores, test.y)).toBeGreaterThan(0.95)
  })

  it('is deterministic: same seed, same model; JSON round trip, same scores', async () => {
    const { X, y } = plantedAnomalies(500, 4, 0.1)
    const params = { ...defaults, n_estimators: 10 }
    const a = await randomForest.fit({ X, y, featureNames: [], seed: 5 }, params)
    const b = await randomForest.fit({ X, y, featureNames: [], seed: 5 }, params)
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()))
    const c = await randomForest.fit({ X, y, featureNames: [], seed: 6 }, params)
    expect(JSON.stringify(c.toJSON())).not.toBe(JSON.stringify(a.toJSON()))
    const restored = randomForest.fromJSON(JSON.parse(JSON.stringify(a.toJSON())) as ReturnType<typeof a.toJSON>, params)
    expect(restored.score(X)).toEqual(a.score(X))
  })

  it('grows the same trees with or without the histogram subtraction trick', () => {
    const { X, y } = plantedAnomalies(5000, 6, 0.05)
    for (const params of [defaults, { ...defaults, max_features: null, min_samples_leaf: 3, class_weight: 'balanced_subsample' as const }]) {
      const withTrick = fitForest(X, y, { ...params, n_estimators: 5 }, 4)
      const without = fitForest(X, y, { ...params, n_estimators: 5 }, 4, 0)
      expect(withTrick.value).toEqual(without.value)
      expect(withTrick.cover).toEqual(without.cover)
    }
  })

  it('refuses rows of the wrong width and corrupt stored trees', async () => {
    const { X, y } = plantedAnomalies(200, 3, 0.1)
    const fitted = await randomForest.fit({ X, y, featureNames: [], seed: 1 }, { ...defaults, n_estimators: 3 })
    expect(() => fitted.score(matrixFromRows([[1, 2]]))).toThrow(/rows have 2 features, the forest was trained on 3/)
    const state = fitted.toJSON()
    const right = decodeForest(state).right
    right[0] = 0
    const corrupt = { ...state, right: { dtype: 'int32' as const, length: right.length, base64: Buffer.from(right.buffer).toString('base64') } }
    expect(() => randomForest.fromJSON(corrupt, defaults)).toThrow(/node 0 has an invalid split/)
  })

  it('refuses to grow a forest past its node limit, suggesting how to shrink it', () => {
    const buf = createNodeBuffer(2, 5)
    for (let i = 0; i < 5; i++) expect(allocateNode(buf)).toBe(i)
    expect(() => allocateNode(buf)).toThrow(/passed 5 nodes, too large to store. Limit their size with max_depth/)
  })

  it('resolves feature counts and row minimums as scikit-learn does', () => {
    expect(featuresPerSplit('sqrt', 10)).toBe(3)
    expect(featuresPerSplit('log2', 10)).toBe(3)
    expect(featuresPerSplit(0.5, 5)).toBe(2)
    expect(featuresPerSplit(0.01, 5)).toBe(1)
    expect(featuresPerSplit(null, 7)).toBe(7)
    expect(minSamplesSplit(2, 1000)).toBe(2)
    expect(minSamplesSplit(0.05, 1000)).toBe(50)
    expect(minSamplesSplit(1, 1000)).toBe(1000)
    expect(minSamplesLeaf(3, 1000)).toBe(3)
    expect(minSamplesLeaf(0.0101, 1000)).toBe(11)
  })
})

describe('random forest TreeSHAP', () => {
  it('explains a score exactly: contributions sum to the score minus the expected score (1e-9)', async () => {
    const { randomForest: rf } = await import('../../src/detectors/random-forest/index.js')
    const { plantedAnomalies } = await import('./planted.js')
    const { expectedValue } = await import('../../src/explain/tree-shap.js')
    const { X, y } = plantedAnomalies(300, 4, 0.1, 5, true)
    const fitted = await rf.fit({ X, featureNames: ['a', 'b', 'c', 'd'], y, seed: 1 }, { ...defaults, n_estimators: 20 })
    const state = fitted.toJSON()
    const restored = rf.fromJSON(state, { ...defaults, n_estimators: 20 })
    const scores = restored.score(X)
    // E[forest] from a rebuilt view of the same trees
    const forest = (await import('../../src/detectors/random-forest/forest-state.js')).decodeForest(state)
    const left = Int32Array.from({ length: forest.feature.length }, (_, i) => i + 1)
    let expected = 0
    for (const root of forest.roots) expected += expectedValue({ feature: forest.feature, threshold: forest.value, left, right: forest.right, value: forest.value, cover: forest.cover, root })
    expected /= forest.trees
    for (let row = 0; row < 20; row++) {
      const phi = restored.explain?.(X, row)
      if (!phi) throw new Error('no explanation')
      expect(Math.abs(phi.reduce((a, b) => a + b, 0) - ((scores[row] as number) - expected))).toBeLessThan(1e-9)
    }
  })
})
