import { describe, expect, it } from 'vitest'
import { addLeafPathStats, buildLeafTables, LEAF_BYTES, leafTablesShap, PATH_ENTRY_BYTES, planLeafTables, type LeafPathStats } from '../../src/explain/leaf-tables.js'
import { treeEnsembleExplainer } from '../../src/explain/tree-explainer.js'
import { expectedValue, treeShap, type ShapTree } from '../../src/explain/tree-shap.js'
import { createRng } from '../../src/math/random.js'
import { irregularTree, predict, randomTree } from './random-trees.js'

const close = (a: number, b: number, tol: number): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b))

describe('TreeSHAP from leaf tables', () => {
  it('equals the path algorithm (1e-12 relative) on random irregular trees: repeated features, zero covers, shuffled storage', () => {
    const rng = createRng(7)
    for (let t = 0; t < 300; t++) {
      const d = 2 + rng.int(7)
      const tree = irregularTree(rng, 3 + rng.int(8), d, t % 2 === 0)
      // every leaf tabled, none tabled (H computed per row), and a mix
      const variants = [buildLeafTables([tree], 1.5), buildLeafTables([tree], 1.5, 0), buildLeafTables([tree], 1.5, 3)]
      for (let r = 0; r < 5; r++) {
        // thresholds are uniform(−1, 1): rows hit both sides, and sometimes a threshold exactly
        const x = Array.from({ length: d }, () => (rng.next() < 0.1 ? (tree.threshold[rng.int(tree.threshold.length)] as number) : rng.uniform(-1.2, 1.2)))
        const path = new Float64Array(d)
        treeShap(tree, x, 0, path, 1.5)
        variants.forEach((tables, v) => {
          const fast = new Float64Array(d)
          leafTablesShap(tables, x, 0, fast)
          for (let i = 0; i < d; i++) expect(close(fast[i] as number, path[i] as number, 1e-12), `tree ${t} variant ${v} row ${r} feature ${i}: ${fast[i]} vs ${path[i]}`).toBe(true)
        })
      }
    }
  })

  it('sums to prediction minus expected value to 1e-9 over an ensemble, reading rows at an offset', () => {
    const d = 6
    const trees = Array.from({ length: 40 }, (_, i) => randomTree(100 + i, 5, d))
    const tables = buildLeafTables(trees, 0.1)
    const rng = createRng(3)
    for (let r = 0; r < 50; r++) {
      const row = Array.from({ length: d }, () => rng.uniform(-1.2, 1.2))
      const x = [9, 9, ...row]
      const phi = new Float64Array(d)
      leafTablesShap(tables, x, 2, phi)
      const sum = phi.reduce((a, b) => a + b, 0)
      const expected = trees.reduce((s, t) => s + 0.1 * (predict(t, row) - expectedValue(t)), 0)
      expect(Math.abs(sum - expected)).toBeLessThan(1e-9)
    }
  })

  it('treats a missing value as the trees do (NaN goes right at every split)', () => {
    const rng = createRng(11)
    for (let t = 0; t < 50; t++) {
      const d = 4
      const tree = irregularTree(rng, 6, d, false)
      const x = [Number.NaN, rng.uniform(-1, 1), Number.NaN, rng.uniform(-1, 1)]
      const fast = new Float64Array(d)
      const path = new Float64Array(d)
      leafTablesShap(buildLeafTables([tree], 1), x, 0, fast)
      treeShap(tree, x, 0, path)
      for (let i = 0; i < d; i++) expect(close(fast[i] as number, path[i] as number, 1e-12)).toBe(true)
    }
  })

  it('handles a lone leaf and a 20,000-deep chain on few features without recursion', () => {
    const leaf: ShapTree = { feature: [-1], threshold: [0], left: [-1], right: [-1], value: [3], cover: [10], root: 0 }
    const phi = new Float64Array(2)
    leafTablesShap(buildLeafTables([leaf], 1), [1, 2], 0, phi)
    expect([...phi]).toEqual([0, 0])
    const n = 20_000
    const size = 2 * n + 1
    const chain = { feature: new Int32Array(size).fill(-1), threshold: new Float64Array(size), left: new Int32Array(size).fill(-1), right: new Int32Array(size).fill(-1), value: new Float64Array(size), cover: new Float64Array(size) }
    for (let i = 0; i < n; i++) {
      chain.feature[i] = i % 5
      chain.threshold[i] = -i
      chain.left[i] = n + 1 + i
      chain.right[i] = i + 1 < n ? i + 1 : n
      chain.cover[i] = n - i + 1
      chain.cover[n + 1 + i] = 1
      chain.value[n + 1 + i] = i % 3
    }
    chain.cover[n] = 1
    chain.value[n] = 7
    const tree: ShapTree = { ...chain, root: 0 }
    const x = [1, 1, 1, 1, 1]
    const fast = new Float64Array(5)
    const path = new Float64Array(5)
    leafTablesShap(buildLeafTables([tree], 1, 2), x, 0, fast)
    treeShap(tree, x, 0, path)
    for (let i = 0; i < 5; i++) expect(close(fast[i] as number, path[i] as number, 1e-9)).toBe(true)
  })

  it('plans the largest table cut-off that fits the memory budget; the explainer uses tables within it and the path algorithm outside', () => {
    const trees = Array.from({ length: 10 }, (_, i) => randomTree(200 + i, 6, 8))
    const stats: LeafPathStats = { leaves: 0, pathEntries: 0, byFeatures: [], bitSplits: 0 }
    for (const tree of trees) addLeafPathStats(tree, stats)
    expect(stats.leaves).toBe(10 * 64)
    const all = planLeafTables(stats, 1e9)
    expect(all?.tableFeatures).toBe(16)
    const base = stats.leaves * LEAF_BYTES + stats.pathEntries * PATH_ENTRY_BYTES
    expect(planLeafTables(stats, base)?.bytes).toBe(base)
    expect(planLeafTables(stats, base - 1)).toBeUndefined()
    const some = planLeafTables(stats, Math.round(((all?.bytes ?? 0) + base) / 2))
    expect(some?.tableFeatures).toBeGreaterThan(0)
    expect(some?.work).toBeGreaterThan(all?.work ?? Infinity)
    expect(treeEnsembleExplainer(trees, 1).exact).toBe('leaf_tables')
    expect(treeEnsembleExplainer(trees, 1, { leafTableBytes: base }).exact).toBe('leaf_tables')
    expect(treeEnsembleExplainer(trees, 1, { leafTableBytes: base - 1 }).exact).toBe('path')
  })

  it('treats ±Infinity as the trees do (−∞ left at every split, +∞ right, like a missing value)', () => {
    const rng = createRng(19)
    for (let t = 0; t < 50; t++) {
      const d = 4
      const tree = irregularTree(rng, 6, d, t % 2 === 0)
      const x = [-Infinity, Infinity, rng.uniform(-1, 1), t % 3 === 0 ? Number.NaN : -Infinity]
      const fast = new Float64Array(d)
      const path = new Float64Array(d)
      leafTablesShap(buildLeafTables([tree], 1, t % 2 === 0 ? 16 : 0), x, 0, fast)
      treeShap(tree, x, 0, path)
      for (let i = 0; i < d; i++) expect(close(fast[i] as number, path[i] as number, 1e-12), `tree ${t} feature ${i}`).toBe(true)
    }
  })

  it('refuses trees with a non-finite threshold (the explainer then uses the path algorithm)', () => {
    const tree: ShapTree = { feature: [0, -1, -1], threshold: [Infinity, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, 1, 2], cover: [4, 3, 1], root: 0 }
    const stats = addLeafPathStats(tree, { leaves: 0, pathEntries: 0, byFeatures: [], bitSplits: 0 })
    expect(stats.nonFiniteThreshold).toBe(true)
    expect(planLeafTables(stats, 1e9)).toBeUndefined()
    expect(() => buildLeafTables([tree], 1)).toThrow(/not finite/)
    const explainer = treeEnsembleExplainer([tree], 1)
    expect(explainer.exact).toBe('path')
    const phi = new Float64Array(1)
    explainer.explain([Number.NaN], 0, phi)
    expect(phi[0]).toBeCloseTo(2 - (3 * 1 + 1 * 2) / 4, 12)
  })

  it('tests trees of up to 32 internal nodes with bit masks and larger ones with intervals, to the same values', () => {
    const rng = createRng(23)
    // a perfect tree of depth 5 has 31 internal nodes; splitting k of its leaves adds k
    const grown = (seed: number, extra: number): ShapTree => {
      const base = randomTree(seed, 5, 6)
      const tree = { feature: Array.from(base.feature), threshold: Array.from(base.threshold), left: Array.from(base.left), right: Array.from(base.right), value: Array.from(base.value), cover: Array.from(base.cover), root: 0 }
      const leaves = tree.feature.flatMap((f, i) => (f < 0 ? [i] : []))
      for (let e = 0; e < extra; e++) {
        const leaf = leaves[e] as number
        tree.feature[leaf] = rng.int(6)
        tree.threshold[leaf] = rng.uniform(-1, 1)
        tree.left[leaf] = tree.feature.length
        tree.right[leaf] = tree.feature.length + 1
        for (const share of [0.3, 0.7]) {
          tree.feature.push(-1)
          tree.threshold.push(0)
          tree.left.push(-1)
          tree.right.push(-1)
          tree.value.push(rng.uniform(-2, 2))
          tree.cover.push((tree.cover[leaf] as number) * share)
        }
      }
      return tree
    }
    const trees = [grown(1, 0), grown(2, 1), grown(3, 2), grown(4, 20)]
    const tables = buildLeafTables(trees, 1)
    expect(tables.treesByBits).toBe(2)
    for (let r = 0; r < 40; r++) {
      const x = Array.from({ length: 6 }, () => (rng.next() < 0.1 ? Number.NaN : rng.uniform(-1.2, 1.2)))
      const fast = new Float64Array(6)
      const path = new Float64Array(6)
      leafTablesShap(tables, x, 0, fast)
      for (const tree of trees) treeShap(tree, x, 0, path)
      for (let i = 0; i < 6; i++) expect(close(fast[i] as number, path[i] as number, 1e-12), `row ${r} feature ${i}`).toBe(true)
    }
  })

  it('gives a leaf with a subnormal cover fraction no table, and reads a row shorter than the trees as missing values', () => {
    const tiny: ShapTree = { feature: [0, -1, -1], threshold: [0, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, 5, -1], cover: [1, 1e-309, 1 - 1e-309], root: 0 }
    const tables = buildLeafTables([tiny], 1)
    expect(tables.leafTable[0]).toBe(-1)
    for (const x of [[-1], [1], [Number.NaN]]) {
      const fast = new Float64Array(1)
      const path = new Float64Array(1)
      leafTablesShap(tables, x, 0, fast)
      treeShap(tiny, x, 0, path)
      expect(Number.isFinite(fast[0] as number)).toBe(true)
      expect(close(fast[0] as number, path[0] as number, 1e-12), `${x}: ${fast[0]} vs ${path[0]}`).toBe(true)
    }
    const rng = createRng(29)
    const wide = irregularTree(rng, 7, 3, false)
    const short = [0.1, 0.2]
    const fast = new Float64Array(3)
    const path = new Float64Array(3)
    leafTablesShap(buildLeafTables([wide], 1), short, 0, fast)
    treeShap(wide, [...short, Number.NaN], 0, path)
    for (let i = 0; i < 3; i++) expect(close(fast[i] as number, path[i] as number, 1e-12)).toBe(true)
  })
})
