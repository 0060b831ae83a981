import { describe, expect, it } from 'vitest'
import { saabas } from '../../src/explain/saabas.js'
import { treeEnsembleExplainer } from '../../src/explain/tree-explainer.js'
import { expectedValue, PathBuffer, treeFacts, treeShap, type ShapTree } from '../../src/explain/tree-shap.js'
import { createRng } from '../../src/math/random.js'
import * as reference from './tree-shap-reference.js'
import { irregularTree, predict, randomTree } from './random-trees.js'

/** Shapley values by brute force over all feature subsets (conditional expectation by cover), for small d. */
function bruteForce(tree: ShapTree, x: number[], d: number): number[] {
  const condExp = (node: number, known: Set<number>): number => {
    const f = tree.feature[node] as number
    if (f < 0) return tree.value[node] as number
    const l = tree.left[node] as number
    const r = tree.right[node] as number
    if (known.has(f)) return condExp((x[f] as number) <= (tree.threshold[node] as number) ? l : r, known)
    const c = tree.cover[node] as number
    return ((tree.cover[l] as number) * condExp(l, known) + (tree.cover[r] as number) * condExp(r, known)) / c
  }
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1))
  const phi = new Array<number>(d).fill(0)
  for (let i = 0; i < d; i++) {
    for (let mask = 0; mask < 1 << d; mask++) {
      if (mask & (1 << i)) continue
      const s = new Set<number>()
      for (let j = 0; j < d; j++) if (mask & (1 << j)) s.add(j)
      const w = (fact(s.size) * fact(d - s.size - 1)) / fact(d)
      phi[i] = (phi[i] as number) + w * (condExp(tree.root, new Set([...s, i])) - condExp(tree.root, s))
    }
  }
  return phi
}

describe('TreeSHAP', () => {
  it('sums to prediction minus expected value, to 1e-9, on random trees (features reused along paths)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const d = 4
      const tree = randomTree(seed, 6, d)
      const rng = createRng(seed + 100)
      const x = Array.from({ length: d }, () => rng.uniform(-1.2, 1.2))
      const phi = new Float64Array(d)
      treeShap(tree, x, 0, phi)
      const sum = phi.reduce((a, b) => a + b, 0)
      expect(Math.abs(sum - (predict(tree, x) - expectedValue(tree)))).toBeLessThan(1e-9)
    }
  })

  it('equals the Shapley values computed by brute force', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const d = 4
      const tree = randomTree(seed, 5, d)
      const rng = createRng(seed + 7)
      const x = Array.from({ length: d }, () => rng.uniform(-1.2, 1.2))
      const phi = new Float64Array(d)
      treeShap(tree, x, 0, phi)
      const exact = bruteForce(tree, x, d)
      exact.forEach((v, i) => expect(phi[i]).toBeCloseTo(v, 9))
    }
  })
})


function closeRelative(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b))
}

describe('allocation-free TreeSHAP against the allocating reference', () => {
  it('gives the same values (1e-12 relative) on random irregular trees, reusing one buffer', () => {
    const buffer = new PathBuffer()
    let compared = 0
    let comparedZeroCover = 0
    let skipped = 0
    let worst = 0
    for (let seed = 1; seed <= 300; seed++) {
      const rng = createRng(seed)
      const d = 1 + rng.int(6)
      const tree = irregularTree(rng, 1 + rng.int(12), d, seed % 3 === 0)
      const facts = treeFacts(tree)
      buffer.ensure(facts.depth, facts.features)
      expect(facts.expected).toBe(reference.expectedValue(tree))
      for (let r = 0; r < 4; r++) {
        const x = Array.from({ length: d + 2 }, () => rng.uniform(-1.2, 1.2))
        const scale = r === 3 ? 0.01 : 1
        const fast = new Float64Array(d)
        const slow = new Float64Array(d)
        treeShap(tree, x, 2, fast, scale, buffer)
        reference.treeShap(tree, x, 2, slow, scale)
        const sum = fast.reduce((a, b) => a + b, 0)
        expect(Math.abs(sum - scale * (predict(tree, x.slice(2)) - facts.expected))).toBeLessThan(1e-9)
        expect(fast.every(Number.isFinite)).toBe(true)
        if (slow.some((v) => !Number.isFinite(v))) {
          skipped++ // the reference's 0/0 on a zero-cover cold child (see treeShap)
          continue
        }
        for (let j = 0; j < d; j++) {
          expect(closeRelative(fast[j] as number, slow[j] as number, 1e-12), `seed ${seed} feature ${j}: ${fast[j]} vs ${slow[j]}`).toBe(true)
          worst = Math.max(worst, Math.abs((fast[j] as number) - (slow[j] as number)) / Math.max(1e-300, Math.abs(slow[j] as number)))
        }
        compared++
        if (seed % 3 === 0) comparedZeroCover++
      }
    }
    expect(compared).toBeGreaterThan(800)
    expect(comparedZeroCover).toBeGreaterThan(50)
    expect(skipped).toBeGreaterThan(0)
    // rearranged arithmetic (tables, shared cold sums): a few ulps apart, also relative to each value
    expect(worst).toBeLessThan(1e-12)
  })

  it('handles a 20,000-deep chain and a 100,000-node tree without recursion', () => {
    const n = 20_000
    const chain: ShapTree = {
      feature: Int32Array.from({ length: 2 * n + 1 }, (_, i) => (i < n ? i % 7 : -1)),
      threshold: new Float64Array(2 * n + 1).fill(0.5),
      // node i < n: left leaf n + 1 + i, right the next chain node (the last one's right is leaf 2n... shared as n)
      left: Int32Array.from({ length: 2 * n + 1 }, (_, i) => (i < n ? n + 1 + i : -1)),
      right: Int32Array.from({ length: 2 * n + 1 }, (_, i) => (i < n ? i + 1 : -1)),
      value: Float64Array.from({ length: 2 * n + 1 }, (_, i) => (i % 5) - 2),
      cover: Float64Array.from({ length: 2 * n + 1 }, (_, i) => (i <= n ? n + 1 - i : 1)),
      root: 0,
    }
    const facts = treeFacts(chain)
    expect(facts).toMatchObject({ depth: n, nodes: 2 * n + 1, leaves: n + 1, features: 7 })
    const x = Array.from({ length: 7 }, () => 1) // always right: down the whole chain
    const phi = new Float64Array(7)
    treeShap(chain, x, 0, phi)
    expect(Math.abs(phi.reduce((a, b) => a + b, 0) - ((chain.value[n] as number) - facts.expected))).toBeLessThan(1e-9)

    const big = randomTree(5, 16, 10) // 131,071 nodes
    const e = expectedValue(big)
    expect(e).toBe(reference.expectedValue(big))
    const y = Array.from({ length: 10 }, (_, j) => (j - 5) / 5)
    const fast = new Float64Array(10)
    const slow = new Float64Array(10)
    treeShap(big, y, 0, fast)
    reference.treeShap(big, y, 0, slow)
    for (let j = 0; j < 10; j++) expect(closeRelative(fast[j] as number, slow[j] as number, 1e-12)).toBe(true)
  })
})

describe('Saabas path attribution', () => {
  it('sums to prediction minus expected value, to 1e-9, on random irregular trees', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const rng = createRng(seed)
      const d = 1 + rng.int(6)
      const tree = irregularTree(rng, 1 + rng.int(12), d, seed % 3 === 0)
      const means = new Float64Array(tree.feature.length)
      const facts = treeFacts(tree, means)
      expect(means[tree.root]).toBe(facts.expected)
      const x = Array.from({ length: d }, () => rng.uniform(-1.2, 1.2))
      const phi = new Float64Array(d)
      saabas(tree, means, x, 0, phi)
      expect(Math.abs(phi.reduce((a, b) => a + b, 0) - (predict(tree, x) - facts.expected))).toBeLessThan(1e-9)
    }
  })

  it('credits the split feature with the change of expected value (a stump)', () => {
    const stump: ShapTree = { feature: [1, -1, -1], threshold: [0, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, 1, 5], cover: [4, 3, 1], root: 0 }
    const means = new Float64Array(3)
    treeFacts(stump, means)
    const phi = new Float64Array(2)
    saabas(stump, means, [0, 1], 0, phi)
    expect([...phi]).toEqual([0, 5 - 2])
  })
})

describe('choosing the method per model', () => {
  const forest = Array.from({ length: 5 }, (_, t) => randomTree(t + 1, 6, 4))
  it('uses exact TreeSHAP under the work budget and Saabas above it; both sum to f(x) − E[f]', () => {
    const small = treeEnsembleExplainer(forest, 1 / 5)
    expect(small.method).toBe('tree_shap')
    const work = forest.reduce((sum, t) => sum + treeFacts(t).work, 0)
    expect(small.work).toBe(work)
    expect(treeEnsembleExplainer(forest, 1 / 5, { budget: work }).method).toBe('tree_shap')
    const large = treeEnsembleExplainer(forest, 1 / 5, { budget: work - 1, leafTableBytes: 0 })
    expect(large.method).toBe('saabas')
    const rng = createRng(3)
    for (let r = 0; r < 20; r++) {
      const x = Array.from({ length: 4 }, () => rng.uniform(-1.2, 1.2))
      const f = forest.reduce((sum, t) => sum + predict(t, x), 0) / 5
      for (const explainer of [small, large]) {
        const phi = new Float64Array(4)
        explainer.explain(x, 0, phi)
        expect(Math.abs(phi.reduce((a, b) => a + b, 0) - (f - explainer.expected))).toBeLessThan(1e-9)
      }
      // the ensemble's TreeSHAP is the scaled sum of the trees' (same buffer across trees of any size)
      const exact = new Float64Array(4)
      small.explain(x, 0, exact)
      const slow = new Float64Array(4)
      for (const t of forest) reference.treeShap(t, x, 0, slow, 1 / 5)
      for (let j = 0; j < 4; j++) expect(closeRelative(exact[j] as number, slow[j] as number, 1e-12)).toBe(true)
    }
  })
})
