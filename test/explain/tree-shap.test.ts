import { describe, expect, it } from 'vitest'
import { expectedValue, treeShap, type ShapTree } from '../../src/explain/tree-shap.js'
import { createRng } from '../../src/math/random.js'

/** A random full tree of the given depth over `d` features, with random covers and leaf values. */
function randomTree(seed: number, depth: number, d: number): ShapTree {
  const rng = createRng(seed)
  const feature: number[] = []
  const threshold: number[] = []
  const left: number[] = []
  const right: number[] = []
  const value: number[] = []
  const cover: number[] = []
  const build = (level: number, weight: number): number => {
    const id = feature.length
    feature.push(-1)
    threshold.push(0)
    left.push(-1)
    right.push(-1)
    value.push(rng.uniform(-2, 2))
    cover.push(weight)
    if (level < depth) {
      feature[id] = rng.int(d)
      threshold[id] = rng.uniform(-1, 1)
      const share = rng.uniform(0.1, 0.9)
      left[id] = build(level + 1, weight * share)
      right[id] = build(level + 1, weight * (1 - share))
    }
    return id
  }
  build(0, 100)
  return { feature, threshold, left, right, value, cover, root: 0 }
}

function predict(tree: ShapTree, x: number[]): number {
  let node = tree.root
  while ((tree.feature[node] as number) >= 0) node = (x[tree.feature[node] as number] as number) <= (tree.threshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number)
  return tree.value[node] as number
}

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
