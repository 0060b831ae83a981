import { growTypedArray } from '../math/grow-typed-array.js'

/**
 * Exact TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2) for one binary
 * tree: the Shapley value of every feature for one row, in polynomial time.
 * The values sum to tree(x) − E[tree], where E is the cover-weighted mean of
 * the leaves. Shared by random forest and gradient boosting through this
 * small view of a tree.
 *
 * Allocation-free, as the shap package's C++ `tree_shap_recursive`: the
 * "unique path" of every level lives in one preallocated struct-of-arrays
 * buffer (`PathBuffer`), each level at its own offset, extended and unwound in
 * place. The recursion is an explicit stack, so deep trees cannot overflow
 * the call stack. Extending and unwinding the path use the original
 * arithmetic (the weights carry from level to level: rounded table factors
 * would drift on deep trees); the leaves' unwound sums, the bulk of the work,
 * take their factors from tables (multiplications instead of divisions on the
 * dependent chain), and entries with one = 0 share one unwound sum per leaf.
 * The test keeps the original allocating version as a reference: same values
 * to 1e-12 relative.
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

/** What one pass over a tree tells: sizes for TreeSHAP's buffers, its cost, and E[tree]. */
export interface TreeFacts {
  /** Nodes reachable from the root (internal and leaves). */
  readonly nodes: number
  readonly leaves: number
  /** Splits on the longest root-to-leaf path (0 for a lone leaf). */
  readonly depth: number
  /** Distinct split features: with the root's dummy entry, a bound on the unique path's length. */
  readonly features: number
  /**
   * Exact TreeSHAP's inner-loop steps for one row, whatever the row: every
   * node copies and extends its unique path (its length), every leaf unwinds
   * each entry (length²). Rows only change which child is "hot".
   */
  readonly work: number
  /** E[tree]: the cover-weighted mean of its leaves. */
  readonly expected: number
}

/**
 * One pass over the tree (iterative, any depth): its `TreeFacts`, and, when
 * `means` is given, the cover-weighted mean of every node's subtree written
 * at the node's index (the Saabas attribution needs them).
 */
export function treeFacts(tree: ShapTree, means?: Float64Array): TreeFacts {
  const { feature, left, right, cover, value } = tree
  let stack = new Int32Array(64)
  let values = new Float64Array(64)
  let counts = new Int32Array(16)
  let top = 0
  let vTop = 0
  let depth = 0
  let maxDepth = 0
  let distinct = 0
  let nodes = 0
  let leaves = 0
  let work = 0
  const features = new Set<number>()
  stack[top++] = tree.root
  while (top > 0) {
    const v = stack[--top] as number
    if (v < 0) {
      // leaving internal node ~v: its children's means are on the value stack, right above left
      const node = ~v
      const f = feature[node] as number
      const count = (counts[f] as number) - 1
      counts[f] = count
      if (count === 0) distinct--
      depth--
      const rv = values[--vTop] as number
      const lv = values[--vTop] as number
      const cl = cover[left[node] as number] as number
      const cr = cover[right[node] as number] as number
      const total = cl + cr
      const mean = total > 0 ? (cl * lv + cr * rv) / total : (lv + rv) / 2
      if (means) means[node] = mean
      values[vTop++] = mean
      continue
    }
    nodes++
    if (depth > maxDepth) maxDepth = depth
    const len = distinct + 1
    work += len
    const f = feature[v] as number
    if (f < 0) {
      leaves++
      work += (len - 1) * len
      const leaf = value[v] as number
      if (means) means[v] = leaf
      if (vTop === values.length) values = growTypedArray(values)
      values[vTop++] = leaf
      continue
    }
    features.add(f)
    if (f >= counts.length) counts = growTypedArray(counts, f + 1)
    if ((counts[f] as number) === 0) distinct++
    counts[f] = (counts[f] as number) + 1
    depth++
    if (top + 3 > stack.length) stack = growTypedArray(stack)
    stack[top++] = ~v
    stack[top++] = right[v] as number
    stack[top++] = left[v] as number
  }
  return { nodes, leaves, depth: maxDepth, features: features.size, work, expected: values[0] as number }
}

/** E[tree]: the cover-weighted mean of its leaves (computed iteratively, so tree depth is unbounded). */
export function expectedValue(tree: ShapTree, node = tree.root): number {
  return treeFacts(node === tree.root ? tree : { ...tree, root: node }).expected
}

/**
 * Scratch space for `treeShap`, reused across calls and trees: the unique
 * paths of all levels of the current root-to-node path, one after another,
 * the stack of nodes still to visit, and tables of the factors
 * (l − i)/(l + 1), (l + 1)/(i + 1) and (l + 1)/(l − i), so the leaves' unwound
 * sums multiply instead of divide. One per explainer (Node runs one explanation at
 * a time per thread); `ensure` grows it for deeper trees.
 */
export class PathBuffer {
  feature = new Int32Array(0)
  zero = new Float64Array(0)
  one = new Float64Array(0)
  weight = new Float64Array(0)
  /** Pending nodes: node, the parent's path offset and length, and the entry to extend the path with. */
  stackNode = new Int32Array(0)
  stackOffset = new Int32Array(0)
  stackLength = new Int32Array(0)
  stackFeature = new Int32Array(0)
  stackZero = new Float64Array(0)
  stackOne = new Float64Array(0)
  /** Row l of each table (l = a path's last index) starts at l · stride. */
  stride = 0
  /** (l − i)/(l + 1) */
  down = new Float64Array(0)
  /** (l + 1)/(i + 1) */
  invUp = new Float64Array(0)
  /** (l + 1)/(l − i) */
  invDown = new Float64Array(0)

  constructor(depth = 0, features = 0) {
    this.ensure(depth, features)
  }

  /** Room for a tree with `depth` splits on its longest path and `features` distinct split features. */
  ensure(depth: number, features: number): this {
    const need = pathCapacity(depth, features)
    if (need > this.weight.length) {
      this.feature = new Int32Array(need)
      this.zero = new Float64Array(need)
      this.one = new Float64Array(need)
      this.weight = new Float64Array(need)
    }
    // each visited internal node replaces itself by its two children: at most depth + 1 pending
    if (depth + 2 > this.stackNode.length) {
      const n = depth + 2
      this.stackNode = new Int32Array(n)
      this.stackOffset = new Int32Array(n)
      this.stackLength = new Int32Array(n)
      this.stackFeature = new Int32Array(n)
      this.stackZero = new Float64Array(n)
      this.stackOne = new Float64Array(n)
    }
    // a path's last index is at most min(depth, features)
    const stride = Math.min(depth, features) + 1
    if (stride > this.stride) {
      this.stride = stride
      this.down = new Float64Array(stride * stride)
      this.invUp = new Float64Array(stride * stride)
      this.invDown = new Float64Array(stride * stride)
      for (let l = 0; l < stride; l++) {
        for (let i = 0; i < l; i++) {
          this.down[l * stride + i] = (l - i) / (l + 1)
          this.invUp[l * stride + i] = (l + 1) / (i + 1)
          this.invDown[l * stride + i] = (l + 1) / (l - i)
        }
      }
    }
    return this
  }
}

/**
 * Path-buffer entries a tree needs: a node at depth d keeps its unique path
 * (the root's dummy entry plus one per distinct feature split on above it, so
 * at most min(d, features) + 1) after its ancestors' paths.
 */
export function pathCapacity(depth: number, features: number): number {
  let total = 0
  for (let d = 0; d <= depth; d++) total += Math.min(d, features) + 1
  return total
}

/**
 * Add this tree's SHAP values for row `x` (values in `x` at `offset`) into
 * `phi`, scaled by `scale`. Pass a `PathBuffer` sized for the tree (see
 * `treeFacts`) to avoid allocating; without one, a buffer is sized here.
 */
export function treeShap(tree: ShapTree, x: ArrayLike<number>, offset: number, phi: Float64Array, scale = 1, buffer?: PathBuffer): void {
  let b = buffer
  if (!b) {
    const facts = treeFacts(tree)
    b = new PathBuffer(facts.depth, facts.features)
  }
  const { feature, threshold, left, right, value, cover } = tree
  const { stride, down, invUp, invDown } = b
  const pf = b.feature
  const pz = b.zero
  const po = b.one
  const pw = b.weight
  const sNode = b.stackNode
  const sOffset = b.stackOffset
  const sLength = b.stackLength
  const sFeature = b.stackFeature
  const sZero = b.stackZero
  const sOne = b.stackOne
  sNode[0] = tree.root
  sOffset[0] = 0
  sLength[0] = 0
  sFeature[0] = -1
  sZero[0] = 1
  sOne[0] = 1
  let top = 1
  while (top > 0) {
    top--
    const node = sNode[top] as number
    const zero = sZero[top] as number
    const one = sOne[top] as number
    // a cold child no training row reached: every path through it weighs 0 (the allocating version got 0 or 0/0 here)
    if (zero === 0 && one === 0) continue
    const parentOffset = sOffset[top] as number
    const l = sLength[top] as number
    const at = parentOffset + l
    // copy the parent's unique path, then extend it with (zero, one, feature)
    for (let i = 0; i < l; i++) {
      pf[at + i] = pf[parentOffset + i] as number
      pz[at + i] = pz[parentOffset + i] as number
      po[at + i] = po[parentOffset + i] as number
      pw[at + i] = pw[parentOffset + i] as number
    }
    pf[at + l] = sFeature[top] as number
    pz[at + l] = zero
    po[at + l] = one
    pw[at + l] = l === 0 ? 1 : 0
    // the path weights carry from level to level (through unwinds too): the original's exact arithmetic, no tables
    for (let i = l - 1; i >= 0; i--) {
      const w = pw[at + i] as number
      pw[at + i + 1] = (pw[at + i + 1] as number) + (one * w * (i + 1)) / (l + 1)
      pw[at + i] = (zero * w * (l - i)) / (l + 1)
    }
    let length = l + 1
    const f = feature[node] as number
    if (f < 0) {
      const leaf = (value[node] as number) * scale
      const last = length - 1
      const base = last * stride
      // the unwound sum of an entry with one = 0 is (Σ_j w_j (l+1)/(l−j)) / zero: the sum is shared
      let coldSum = -1
      for (let i = 1; i < length; i++) {
        const z = pz[at + i] as number
        const o = po[at + i] as number
        let total = 0
        if (o === 0) {
          if (coldSum < 0) {
            coldSum = 0
            for (let j = last - 1; j >= 0; j--) coldSum += (pw[at + j] as number) * (invDown[base + j] as number)
          }
          total = coldSum / z
        } else {
          let n = pw[at + last] as number
          for (let j = last - 1; j >= 0; j--) {
            const t = n * ((invUp[base + j] as number) / o)
            total += t
            n = (pw[at + j] as number) - t * (z * (down[base + j] as number))
          }
        }
        const target = pf[at + i] as number
        phi[target] = (phi[target] as number) + total * (o - z) * leaf
      }
      continue
    }
    const lc = left[node] as number
    const rc = right[node] as number
    const hot = (x[offset + f] as number) <= (threshold[node] as number) ? lc : rc
    const cold = hot === lc ? rc : lc
    const c = cover[node] as number
    const hotZero = c > 0 ? (cover[hot] as number) / c : 0.5
    const coldZero = c > 0 ? (cover[cold] as number) / c : 0.5
    let incomingZero = 1
    let incomingOne = 1
    // a feature already on the path: undo its earlier split before splitting on it again
    let k = 1
    while (k < length && pf[at + k] !== f) k++
    if (k < length) {
      incomingZero = pz[at + k] as number
      incomingOne = po[at + k] as number
      unwind(pf, pz, po, pw, at, length - 1, k)
      length--
    }
    // cold below hot: hot's subtree is visited first, as the recursive version did
    sNode[top] = cold
    sOffset[top] = at
    sLength[top] = length
    sFeature[top] = f
    sZero[top] = coldZero * incomingZero
    sOne[top] = 0
    top++
    sNode[top] = hot
    sOffset[top] = at
    sLength[top] = length
    sFeature[top] = f
    sZero[top] = hotZero * incomingZero
    sOne[top] = incomingOne
    top++
  }
}

/** Remove entry `index` from the path at `at` whose last entry is `l`, in place (the original's arithmetic). */
function unwind(pf: Int32Array, pz: Float64Array, po: Float64Array, pw: Float64Array, at: number, l: number, index: number): void {
  const one = po[at + index] as number
  const zero = pz[at + index] as number
  let n = pw[at + l] as number
  for (let j = l - 1; j >= 0; j--) {
    if (one !== 0) {
      const t = pw[at + j] as number
      const w = (n * (l + 1)) / ((j + 1) * one)
      pw[at + j] = w
      n = t - (w * zero * (l - j)) / (l + 1)
    } else {
      pw[at + j] = ((pw[at + j] as number) * (l + 1)) / (zero * (l - j))
    }
  }
  for (let j = index; j < l; j++) {
    pf[at + j] = pf[at + j + 1] as number
    pz[at + j] = pz[at + j + 1] as number
    po[at + j] = po[at + j + 1] as number
  }
}
