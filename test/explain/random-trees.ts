import { createRng, type Rng } from '../../src/math/random.js'
import type { ShapTree } from '../../src/explain/tree-shap.js'

/** A random full tree of the given depth over `d` features, with random covers and leaf values. */
export function randomTree(seed: number, depth: number, d: number): ShapTree {
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

/** The tree's output for row x. */
export function predict(tree: ShapTree, x: number[]): number {
  let node = tree.root
  while ((tree.feature[node] as number) >= 0) node = (x[tree.feature[node] as number] as number) <= (tree.threshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number)
  return tree.value[node] as number
}

/**
 * A random tree unlike `randomTree`: leaves at random depths, few features (so
 * features repeat along paths, up to 4 times), nodes numbered in a shuffled
 * order, and, with `zeroCovers`, some subtrees no training row reached (cover
 * 0) and some internal nodes whose cover is 0.
 */
export function irregularTree(rng: Rng, maxDepth: number, d: number, zeroCovers: boolean): ShapTree {
  interface Node {
    feature: number
    threshold: number
    value: number
    cover: number
    left?: Node
    right?: Node
  }
  const grow = (level: number, weight: number): Node => {
    const node: Node = { feature: -1, threshold: 0, value: rng.uniform(-2, 2), cover: weight }
    if (level < maxDepth && (level < 2 || rng.next() < 0.8)) {
      node.feature = rng.int(d)
      node.threshold = rng.uniform(-1, 1)
      const share = zeroCovers && rng.next() < 0.15 ? (rng.next() < 0.5 ? 0 : 1) : rng.uniform(0.05, 0.95)
      node.left = grow(level + 1, weight * share)
      node.right = grow(level + 1, weight * (1 - share))
    }
    return node
  }
  const root = grow(0, zeroCovers && rng.next() < 0.1 ? 0 : 100)
  const nodes: Node[] = []
  const collect = (n: Node): void => {
    nodes.push(n)
    if (n.left) collect(n.left)
    if (n.right) collect(n.right)
  }
  collect(root)
  // shuffled storage order: children may be stored before their parents
  const order = nodes.map((_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    ;[order[i], order[j]] = [order[j] as number, order[i] as number]
  }
  const index = new Map<Node, number>()
  order.forEach((slot, i) => index.set(nodes[i] as Node, slot))
  const n = nodes.length
  const tree = { feature: new Int32Array(n), threshold: new Float64Array(n), left: new Int32Array(n), right: new Int32Array(n), value: new Float64Array(n), cover: new Float64Array(n) }
  for (const node of nodes) {
    const at = index.get(node) as number
    tree.feature[at] = node.feature
    tree.threshold[at] = node.threshold
    tree.value[at] = node.value
    tree.cover[at] = node.cover
    tree.left[at] = node.left ? (index.get(node.left) as number) : -1
    tree.right[at] = node.right ? (index.get(node.right) as number) : -1
  }
  return { ...tree, root: index.get(root) as number }
}
