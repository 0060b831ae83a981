/**
 * FROZEN REFERENCE for tests: the allocating TreeSHAP that
 * `src/explain/tree-shap.ts` replaced, kept verbatim so the property test in
 * `tree-shap.test.ts` can check the fast version against it. Do not optimise.
 *
 * Exact TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2) for one binary
 * tree: the Shapley value of every feature for one row, in polynomial time.
 * The values sum to tree(x) − E[tree], where E is the cover-weighted mean of
 * the leaves. Shared by random forest and gradient boosting through this
 * small view of a tree.
 */
export interface ShapTree {
  /** Split feature per node; negative for a leaf. */
  readonly feature: ArrayLike<number>
  /** Rows with x[feature] <= threshold go to `left`. */
  readonly threshold: ArrayLike<number>
  readonly left: ArrayLike<number>
  readonly right: ArrayLike<number>
  /** Leaf output (unused for internal nodes). */
  readonly value: ArrayLike<number>
  /** Training weight that reached each node. */
  readonly cover: ArrayLike<number>
  readonly root: number
}

interface PathElement {
  feature: number
  zero: number
  one: number
  weight: number
}

/** Add this tree's SHAP values for row `x` (values in `x` at `offset`) into `phi`, scaled by `scale`. */
export function treeShap(tree: ShapTree, x: ArrayLike<number>, offset: number, phi: Float64Array, scale = 1): void {
  recurse(tree, x, offset, phi, scale, tree.root, [], 1, 1, -1)
}

/** E[tree]: the cover-weighted mean of its leaves. */
export function expectedValue(tree: ShapTree, node = tree.root): number {
  const f = tree.feature[node] as number
  if (f < 0) return tree.value[node] as number
  const l = tree.left[node] as number
  const r = tree.right[node] as number
  const cl = tree.cover[l] as number
  const cr = tree.cover[r] as number
  const total = cl + cr
  if (!(total > 0)) return (expectedValue(tree, l) + expectedValue(tree, r)) / 2
  return (cl * expectedValue(tree, l) + cr * expectedValue(tree, r)) / total
}

function recurse(
  tree: ShapTree,
  x: ArrayLike<number>,
  offset: number,
  phi: Float64Array,
  scale: number,
  node: number,
  parentPath: readonly PathElement[],
  zeroFraction: number,
  oneFraction: number,
  feature: number,
): void {
  const path = extend(parentPath, zeroFraction, oneFraction, feature)
  const f = tree.feature[node] as number
  if (f < 0) {
    const leaf = tree.value[node] as number
    for (let i = 1; i < path.length; i++) {
      const w = unwoundSum(path, i)
      const el = path[i] as PathElement
      phi[el.feature] = (phi[el.feature] as number) + w * (el.one - el.zero) * leaf * scale
    }
    return
  }
  const left = tree.left[node] as number
  const right = tree.right[node] as number
  const hot = (x[offset + f] as number) <= (tree.threshold[node] as number) ? left : right
  const cold = hot === left ? right : left
  const cover = tree.cover[node] as number
  const hotZero = cover > 0 ? (tree.cover[hot] as number) / cover : 0.5
  const coldZero = cover > 0 ? (tree.cover[cold] as number) / cover : 0.5
  let incomingZero = 1
  let incomingOne = 1
  let trimmed = path
  // a feature already on the path: undo its earlier split before splitting on it again
  const k = path.findIndex((el, i) => i > 0 && el.feature === f)
  if (k >= 0) {
    incomingZero = (path[k] as PathElement).zero
    incomingOne = (path[k] as PathElement).one
    trimmed = unwind(path, k)
  }
  recurse(tree, x, offset, phi, scale, hot, trimmed, hotZero * incomingZero, incomingOne, f)
  recurse(tree, x, offset, phi, scale, cold, trimmed, coldZero * incomingZero, 0, f)
}

function extend(parent: readonly PathElement[], zero: number, one: number, feature: number): PathElement[] {
  const path = parent.map((e) => ({ ...e }))
  const l = path.length
  path.push({ feature, zero, one, weight: l === 0 ? 1 : 0 })
  for (let i = l - 1; i >= 0; i--) {
    const next = path[i + 1] as PathElement
    const cur = path[i] as PathElement
    next.weight += (one * cur.weight * (i + 1)) / (l + 1)
    cur.weight = (zero * cur.weight * (l - i)) / (l + 1)
  }
  return path
}

function unwind(path: readonly PathElement[], index: number): PathElement[] {
  const copy = path.map((e) => ({ ...e }))
  const l = copy.length - 1
  const { one, zero } = copy[index] as PathElement
  let n = (copy[l] as PathElement).weight
  for (let j = l - 1; j >= 0; j--) {
    const el = copy[j] as PathElement
    if (one !== 0) {
      const t = el.weight
      el.weight = (n * (l + 1)) / ((j + 1) * one)
      n = t - (el.weight * zero * (l - j)) / (l + 1)
    } else {
      el.weight = (el.weight * (l + 1)) / (zero * (l - j))
    }
  }
  for (let j = index; j < l; j++) {
    const target = copy[j] as PathElement
    const source = copy[j + 1] as PathElement
    target.feature = source.feature
    target.zero = source.zero
    target.one = source.one
  }
  copy.pop()
  return copy
}

function unwoundSum(path: readonly PathElement[], index: number): number {
  const l = path.length - 1
  const { one, zero } = path[index] as PathElement
  let total = 0
  let n = (path[l] as PathElement).weight
  for (let j = l - 1; j >= 0; j--) {
    if (one !== 0) {
      const t = (n * (l + 1)) / ((j + 1) * one)
      total += t
      n = (path[j] as PathElement).weight - (t * zero * (l - j)) / (l + 1)
    } else {
      total += (path[j] as PathElement).weight / ((zero * (l - j)) / (l + 1))
    }
  }
  return total
}
