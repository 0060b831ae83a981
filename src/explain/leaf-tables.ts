import { growTypedArray } from '../math/grow-typed-array.js'
import { LEAF_SHAP_HEADER, leafShapKernel, type LeafShapHeader } from './leaf-shap-kernel.js'
import type { ShapTree } from './tree-shap.js'

/**
 * Exact path-dependent TreeSHAP from precomputed leaf tables: the same
 * Shapley values as `treeShap` (Lundberg et al. 2018, Algorithm 2), computed
 * in O(distinct features on the path) per leaf instead of O(depth²).
 *
 * Why it works. A leaf whose path splits on the distinct features P (d of
 * them) adds to feature j ∈ P
 *
 *     v · (o_j − z_j) · Σ_{S ⊆ P∖j} w_d(|S|) · Π_{i∈S} o_i · Π_{i∈P∖S∖j} z_i
 *
 * where v is the leaf value, z_i the product of the path's cover fractions on
 * feature i ("zero fraction"), o_i ∈ {0, 1} whether the row satisfies every
 * split on feature i along the path ("one fraction") and
 * w_d(s) = s!(d − s − 1)!/d!. Only the o's depend on the row, and they are
 * bits: with M the set of satisfied features, a term is non-zero only when
 * S ⊆ M, and the sum factors into Π_{i∈P∖M} z_i · H(M∖j) (j ∈ M) or
 * Π_{i∈P∖M} z_i · H(M) / z_j (j ∉ M, where the z_j cancels), with
 *
 *     H(A) = Σ_{S⊆A} w_d(|S|) Π_{i∈A∖S} z_i = Σ_k w_d(k) e_{|A|−k}(z_A)
 *
 * (e the elementary symmetric polynomials) independent of the row. So each
 * leaf stores, for all 2^d subsets A, T(A) = v · Π_{i∈P∖A} z_i · H(A)
 * (Fast TreeSHAP v2's idea, Yang 2021, with the leaf value and the
 * unsatisfied features' product folded in), and its path as one interval per
 * feature (the splits on a feature along a path intersect to lo < x ≤ hi).
 * A row then adds −T(M) to each unsatisfied feature and
 * (1 − z_j)/z_j · T(M∖j) to each satisfied one: per leaf, d interval tests
 * and one table read and multiply-add per path feature, O(Σ d) instead of
 * TreeSHAP's O(Σ d²) plus a pass over every node. Tables are built once per
 * model (O(2^d · d) per leaf) and take 2^d doubles per leaf: leaves above a
 * cut-off chosen to fit a memory budget (and leaves with a zero cover
 * fraction) get none and compute H(M) and each H(M∖j) per row from the
 * e-polynomial of M (O(|M|²)). Paths splitting on more than 30 distinct
 * features (masks are 31-bit integers), trees with a non-finite threshold
 * and models whose paths alone exceed the budget use `treeShap` instead
 * (see `treeEnsembleExplainer`).
 *
 * The per-row pass runs in WebAssembly (wasm/leaf-shap.ts, 2–3x faster
 * than the same loop in JavaScript); everything lives in one memory per
 * model, and the typed arrays below are views of it. Trees with at most 32
 * internal nodes (gradient boosting's) test a path feature with bit masks:
 * the row's direction at every node as one word, against the directions the
 * path takes on that feature's nodes.
 */
export interface LeafTables {
  /** Doubles in `table`. */
  readonly entries: number
  /** Leaves with at most this many path features have a table. */
  readonly tableFeatures: number
  readonly leaves: number
  /** Row width the trees read: 1 + the largest split feature. */
  readonly width: number
  /** Trees whose path features are tested with bit masks (at most 32 internal nodes). */
  readonly treesByBits: number
  /** Leaf l's path features are entries leafStart[l] … leafStart[l + 1] − 1 of the path arrays, in first-split order (bit i = entry i). */
  readonly leafStart: Int32Array
  /** Where leaf l's 2^d values of T start in `table`; −1 for a leaf whose H is computed per row. */
  readonly leafTable: Int32Array
  /** Leaf value × scale. */
  readonly leafValue: Float64Array
  readonly pathFeature: Int32Array
  /** The row satisfies the path's splits on this feature when lo < x ≤ hi (a missing value counts as +∞: right at every split). */
  readonly pathLo: Float64Array
  readonly pathHi: Float64Array
  /** Internal nodes of the path splitting on the feature (bit k = the tree's k-th internal node in preorder), and those where the path goes left. */
  readonly pathNeed: Int32Array
  readonly pathWant: Int32Array
  /** Product of the path's cover fractions on the feature (z). */
  readonly pathZero: Float64Array
  /** (1 − z)/z, for tabled leaves. */
  readonly pathRatio: Float64Array
  readonly table: Float64Array
  /** w_d(k) = k!(d − k − 1)!/d! at d · stride + k, for the leaves without a table. */
  readonly weights: Float64Array
  readonly stride: number
  /** The row the kernel reads and the values it adds to, in its memory. */
  readonly x: Float64Array
  readonly phi: Float64Array
  readonly kernel: () => void
}

/** Leaves with more distinct path features than this never get a table (2^d doubles). */
export const LEAF_TABLE_MAX_FEATURES = 16
/** Masks are 31-bit integers: paths splitting on more distinct features than this need `treeShap`. */
export const LEAF_PATH_MAX_FEATURES = 30

/** Bytes per leaf (start, table offset, value), per path entry (feature, interval, node masks, zero fraction, ratio) and per internal node of a tree tested by bits (feature, threshold). */
export const LEAF_BYTES = 16
export const PATH_ENTRY_BYTES = 44
export const NODE_BYTES = 12
/** Trees with at most this many internal nodes are tested with bit masks (one 32-bit word of directions). */
export const BIT_TREE_MAX_SPLITS = 32

/** The shape of an ensemble's leaf paths: how many leaves have d distinct path features, for every d. */
export interface LeafPathStats {
  leaves: number
  pathEntries: number
  /** byFeatures[d] = leaves whose path splits on d distinct features. */
  readonly byFeatures: number[]
  /** Internal nodes of the trees with at most `BIT_TREE_MAX_SPLITS` of them. */
  bitSplits: number
  /** A split threshold is NaN or infinite: the interval test would not match the trees for extreme values. */
  nonFiniteThreshold?: boolean
}

/** Add the tree's leaves to `stats` (iterative, any depth). */
export function addLeafPathStats(tree: ShapTree, stats: LeafPathStats): LeafPathStats {
  let splits = 0
  walkTree(tree, {
    leaf(_leaf, d) {
      stats.leaves++
      stats.pathEntries += d
      stats.byFeatures[d] = (stats.byFeatures[d] ?? 0) + 1
    },
    split(node) {
      splits++
      if (!Number.isFinite(tree.threshold[node] as number)) stats.nonFiniteThreshold = true
    },
  })
  if (splits <= BIT_TREE_MAX_SPLITS) stats.bitSplits += splits
  return stats
}

/** What leaf tables for these paths would cost: memory, and work per row (path entries visited, plus d² per leaf without a table). */
export interface LeafTablePlan {
  /** Leaves with at most this many path features get a table. */
  readonly tableFeatures: number
  readonly bytes: number
  readonly work: number
}

/**
 * The largest table cut-off (≤ `LEAF_TABLE_MAX_FEATURES`) whose memory fits
 * `byteBudget`, or undefined when even the paths alone do not fit, a path
 * splits on more than `LEAF_PATH_MAX_FEATURES` features or a threshold is
 * not finite.
 */
export function planLeafTables(stats: LeafPathStats, byteBudget: number): LeafTablePlan | undefined {
  if (stats.byFeatures.length - 1 > LEAF_PATH_MAX_FEATURES || stats.nonFiniteThreshold) return undefined
  const base = stats.leaves * LEAF_BYTES + stats.pathEntries * PATH_ENTRY_BYTES + stats.bitSplits * NODE_BYTES
  if (base > byteBudget) return undefined
  let best: LeafTablePlan | undefined
  let tableBytes = 0
  for (let k = 0; k <= LEAF_TABLE_MAX_FEATURES; k++) {
    tableBytes += (stats.byFeatures[k] ?? 0) * 2 ** k * 8
    if (base + tableBytes > byteBudget) break
    let work = stats.pathEntries
    for (let d = k + 1; d < stats.byFeatures.length; d++) work += (stats.byFeatures[d] ?? 0) * d * d
    best = { tableFeatures: k, bytes: base + tableBytes, work }
  }
  return best
}

/**
 * Build the leaf tables of `scale` × Σ trees, with a table for every leaf of
 * at most `tableFeatures` path features (see `planLeafTables`). Pass the
 * trees' complete `stats` when already computed, to save a walk.
 */
export function buildLeafTables(trees: readonly ShapTree[], scale: number, tableFeatures = LEAF_TABLE_MAX_FEATURES, known?: LeafPathStats): LeafTables {
  if (tableFeatures > LEAF_TABLE_MAX_FEATURES) throw new RangeError(`tableFeatures ${tableFeatures} is above the limit ${LEAF_TABLE_MAX_FEATURES}`)
  const stats: LeafPathStats = known ?? { leaves: 0, pathEntries: 0, byFeatures: [], bitSplits: 0 }
  const byBits = trees.map((tree) => countSplits(tree) <= BIT_TREE_MAX_SPLITS)
  let width = 1
  let nodes = 0
  for (const tree of trees) {
    if (!known) addLeafPathStats(tree, stats)
    nodes = Math.max(nodes, tree.feature.length)
    for (let i = 0; i < tree.feature.length; i++) width = Math.max(width, (tree.feature[i] as number) + 1)
  }
  const maxD = stats.byFeatures.length - 1
  if (maxD > LEAF_PATH_MAX_FEATURES) throw new RangeError(`a leaf path splits on ${maxD} distinct features; leaf tables allow at most ${LEAF_PATH_MAX_FEATURES}`)
  if (stats.nonFiniteThreshold) throw new RangeError('a split threshold is not finite; leaf tables need finite thresholds')
  let entries = 0
  for (let d = 0; d <= Math.min(maxD, tableFeatures); d++) entries += (stats.byFeatures[d] ?? 0) * 2 ** d
  const maxTableD = Math.min(maxD, tableFeatures)
  const stride = maxD + 1
  const memory = new LinearMemory()
  const header = memory.i32(LEAF_SHAP_HEADER.length)
  const layout = {
    treeLeafStart: memory.i32(trees.length + 1),
    treeNodeStart: memory.i32(trees.length + 1),
    treeByBits: memory.i32(trees.length),
    nodeFeature: memory.i32(stats.bitSplits),
    nodeThreshold: memory.f64(stats.bitSplits),
    x: memory.f64(width),
    phi: memory.f64(width),
    leafStart: memory.i32(stats.leaves + 1),
    leafTable: memory.i32(stats.leaves),
    leafValue: memory.f64(stats.leaves),
    pathFeature: memory.i32(stats.pathEntries),
    pathLo: memory.f64(stats.pathEntries),
    pathHi: memory.f64(stats.pathEntries),
    pathNeed: memory.i32(stats.pathEntries),
    pathWant: memory.i32(stats.pathEntries),
    pathZero: memory.f64(stats.pathEntries),
    pathRatio: memory.f64(stats.pathEntries),
    table: memory.f64(entries),
    weights: memory.f64(stride * stride),
    poly: memory.f64(stride + 1),
  }
  const wasm = memory.allocate()
  const f64 = (a: Region): Float64Array => new Float64Array(wasm.buffer, a.at, a.length)
  const i32 = (a: Region): Int32Array => new Int32Array(wasm.buffer, a.at, a.length)
  const fields: LeafShapHeader = { trees: trees.length, stride, ...Object.fromEntries(Object.entries(layout).map(([k, r]) => [k, r.at])) } as LeafShapHeader
  const headerView = i32(header)
  LEAF_SHAP_HEADER.forEach((name, i) => {
    const value = fields[name]
    if (typeof value !== 'number') throw new Error(`leaf-table layout has no ${name} for the TreeSHAP kernel's header`)
    headerView[i] = value
  })
  const weights = f64(layout.weights)
  for (let d = 1; d <= maxD; d++) shapleyWeights(d, weights, d * stride)
  const t: LeafTables = {
    entries,
    tableFeatures,
    leaves: stats.leaves,
    width,
    treesByBits: byBits.filter(Boolean).length,
    leafStart: i32(layout.leafStart),
    leafTable: i32(layout.leafTable),
    leafValue: f64(layout.leafValue),
    pathFeature: i32(layout.pathFeature),
    pathLo: f64(layout.pathLo),
    pathHi: f64(layout.pathHi),
    pathNeed: i32(layout.pathNeed),
    pathWant: i32(layout.pathWant),
    pathZero: f64(layout.pathZero),
    pathRatio: f64(layout.pathRatio),
    table: f64(layout.table),
    weights,
    stride,
    x: f64(layout.x),
    phi: f64(layout.phi),
    kernel: leafShapKernel(wasm, header.at),
  }
  const treeLeafStart = i32(layout.treeLeafStart)
  const treeNodeStart = i32(layout.treeNodeStart)
  const treeByBits = i32(layout.treeByBits)
  const nodeFeature = i32(layout.nodeFeature)
  const nodeThreshold = f64(layout.nodeThreshold)
  // e-polynomials of every subset of one leaf's path (row m holds e_0 … e_d of {z_i : i ∈ m}), and each subset's Π z_i
  const scratch = new Float64Array(2 ** maxTableD * (maxTableD + 1))
  const product = new Float64Array(2 ** maxTableD)
  const state: PathState = {
    lo: new Float64Array(width),
    hi: new Float64Array(width),
    zero: new Float64Array(width),
    need: new Int32Array(width),
    want: new Int32Array(width),
    nodeBit: new Int32Array(nodes),
  }
  let l = 0
  let at = 0
  let tableAt = 0
  let nodeAt = 0
  trees.forEach((tree, tr) => {
    const bits = byBits[tr] as boolean
    treeLeafStart[tr] = l
    treeNodeStart[tr] = nodeAt
    treeByBits[tr] = bits ? 1 : 0
    let k = 0
    walkTree(
      tree,
      {
        split(node) {
          // internal nodes numbered in preorder: a node is numbered before any edge out of it is taken
          state.nodeBit[node] = bits ? 1 << k : 0
          if (bits) {
            nodeFeature[nodeAt + k] = tree.feature[node] as number
            nodeThreshold[nodeAt + k] = tree.threshold[node] as number
          }
          k++
        },
        leaf(leaf, d, path) {
          t.leafStart[l] = at
          const value = (tree.value[leaf] as number) * scale
          t.leafValue[l] = value
          let positive = true
          for (let i = 0; i < d; i++) {
            const f = path[i] as number
            const z = state.zero[f] as number
            t.pathFeature[at + i] = f
            t.pathLo[at + i] = state.lo[f] as number
            t.pathHi[at + i] = state.hi[f] as number
            t.pathNeed[at + i] = state.need[f] as number
            t.pathWant[at + i] = state.want[f] as number
            t.pathZero[at + i] = z
            t.pathRatio[at + i] = (1 - z) / z
            // a zero (or subnormal) fraction has no finite ratio: the polynomial path never divides by z
            if (!(z > 0) || !Number.isFinite(t.pathRatio[at + i] as number)) positive = false
          }
          if (d <= tableFeatures && positive) {
            t.leafTable[l] = tableAt
            fillLeafTable(t.pathZero, at, d, value, t.table, tableAt, scratch, product, weights.subarray(d * stride, d * stride + d))
            tableAt += 2 ** d
          } else {
            t.leafTable[l] = -1
          }
          at += d
          l++
        },
      },
      state,
    )
    if (bits) nodeAt += k
  })
  treeLeafStart[trees.length] = l
  treeNodeStart[trees.length] = nodeAt
  t.leafStart[stats.leaves] = at
  return t
}

/**
 * Add the SHAP values of the row at `x[offset…]` into `phi` (indexed by
 * feature; at least `tables.width` long). A missing value goes right at every
 * split, as +∞ does (thresholds are finite), so NaN is passed as +∞; −∞ as
 * −MAX_VALUE, which every interval starting at −∞ still contains.
 */
export function leafTablesShap(tables: LeafTables, x: ArrayLike<number>, offset: number, phi: Float64Array): void {
  const { x: row, phi: out, width } = tables
  for (let i = 0; i < width; i++) {
    // a short row reads undefined: missing, as the path algorithm treats it
    const v = Number(x[offset + i])
    row[i] = v !== v ? Infinity : v === -Infinity ? -Number.MAX_VALUE : v
  }
  out.fill(0)
  tables.kernel()
  for (let i = 0; i < width; i++) phi[i] = (phi[i] as number) + (out[i] as number)
}

/** A slice of the linear memory: where it starts (bytes) and how many elements it holds. */
interface Region {
  readonly at: number
  readonly length: number
}

/** Lays out typed arrays back to back (8-byte aligned) in one WebAssembly memory. */
class LinearMemory {
  private bytes = 0
  f64(length: number): Region {
    return this.take(length, 8)
  }
  i32(length: number): Region {
    return this.take(length, 4)
  }
  allocate(): WebAssembly.Memory {
    return new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(this.bytes / 65536)) })
  }
  private take(length: number, size: number): Region {
    const at = this.bytes
    this.bytes += Math.ceil((length * size) / 8) * 8
    return { at, length }
  }
}

/** w_d(s) = s!(d − s − 1)!/d! for s < d at `out[at…]`, by the ratio w_d(s + 1)/w_d(s) = (s + 1)/(d − s − 1). */
function shapleyWeights(d: number, out: Float64Array, at: number): void {
  out[at] = 1 / d
  for (let s = 0; s + 1 < d; s++) out[at + s + 1] = ((out[at + s] as number) * (s + 1)) / (d - s - 1)
}

/**
 * T(A) = value · Π_{i∉A} z_i · H(A) for every subset A of the d path features
 * at `zero[at…]`, written at `out[outAt…]` (H of the full set is never read: 0).
 */
function fillLeafTable(zero: Float64Array, at: number, d: number, value: number, out: Float64Array, outAt: number, poly: Float64Array, product: Float64Array, weights: Float64Array): void {
  if (d === 0) {
    out[outAt] = 0
    return
  }
  const stride = d + 1
  poly.fill(0, 0, stride)
  poly[0] = 1
  product[0] = 1
  const full = 2 ** d - 1
  for (let m = 1; m <= full; m++) {
    const low = m & -m
    product[m] = (product[m ^ low] as number) * (zero[at + 31 - Math.clz32(low)] as number)
  }
  for (let m = 0; m <= full; m++) {
    const row = m * stride
    let size = 0
    if (m > 0) {
      const low = m & -m
      const i = 31 - Math.clz32(low)
      const prev = (m ^ low) * stride
      const z = zero[at + i] as number
      poly[row] = poly[prev] as number
      for (let k = 1; k <= d; k++) poly[row + k] = (poly[prev + k] as number) + z * (poly[prev + k - 1] as number)
      let c = m
      while (c !== 0) {
        c &= c - 1
        size++
      }
    }
    if (m === full) {
      out[outAt + m] = 0
      continue
    }
    let h = 0
    for (let k = 0; k <= size; k++) h += (weights[k] as number) * (poly[row + size - k] as number)
    out[outAt + m] = value * (product[full ^ m] as number) * h
  }
}

interface TreeVisitor {
  /** Called at every leaf with the distinct features split on along its path (first-split order). */
  leaf(leaf: number, d: number, path: Int32Array): void
  /** Called at every internal node. */
  split?(node: number): void
}

/**
 * Per feature on the current path: the interval its splits allow, the
 * product of their cover fractions, and as bit masks (`nodeBit` of each
 * internal node, 0 when the tree is not tested by bits) the nodes splitting
 * on it and those where the path goes left.
 */
interface PathState {
  readonly lo: Float64Array
  readonly hi: Float64Array
  readonly zero: Float64Array
  readonly need: Int32Array
  readonly want: Int32Array
  readonly nodeBit: Int32Array
}

/**
 * Preorder walk of the tree (left subtree first) keeping the distinct
 * features of the current path and, with `state`, each one's interval, zero
 * fraction and node masks. Iterative (explicit stack of edges to apply and
 * undo), so any depth works.
 */
function walkTree(tree: ShapTree, visitor: TreeVisitor, state?: PathState): void {
  const { feature, threshold, left, right, cover } = tree
  // actions: node ≥ 0 = enter it from `parent` (−1 for the root); node −1 = undo the last applied edge
  let sNode = new Int32Array(64)
  let sParent = new Int32Array(64)
  let top = 0
  let counts = new Int32Array(16)
  let path = new Int32Array(16)
  let d = 0
  let uFeature = new Int32Array(64)
  let uLo = new Float64Array(64)
  let uHi = new Float64Array(64)
  let uZero = new Float64Array(64)
  let uNeed = new Int32Array(64)
  let uWant = new Int32Array(64)
  let u = 0
  sNode[top] = tree.root
  sParent[top++] = -1
  while (top > 0) {
    top--
    const node = sNode[top] as number
    const parent = sParent[top] as number
    if (node < 0) {
      u--
      const f = uFeature[u] as number
      counts[f] = (counts[f] as number) - 1
      if (counts[f] === 0) d--
      if (state) {
        state.lo[f] = uLo[u] as number
        state.hi[f] = uHi[u] as number
        state.zero[f] = uZero[u] as number
        state.need[f] = uNeed[u] as number
        state.want[f] = uWant[u] as number
      }
      continue
    }
    if (parent >= 0) {
      const f = feature[parent] as number
      if (u === uFeature.length) {
        uFeature = growTypedArray(uFeature)
        uLo = growTypedArray(uLo)
        uHi = growTypedArray(uHi)
        uZero = growTypedArray(uZero)
        uNeed = growTypedArray(uNeed)
        uWant = growTypedArray(uWant)
      }
      uFeature[u] = f
      if (f >= counts.length) counts = growTypedArray(counts, f + 1)
      if (counts[f] === 0) {
        if (d === path.length) path = growTypedArray(path)
        path[d++] = f
        if (state) {
          state.lo[f] = -Infinity
          state.hi[f] = Infinity
          state.zero[f] = 1
          state.need[f] = 0
          state.want[f] = 0
        }
      }
      counts[f] = (counts[f] as number) + 1
      if (state) {
        uLo[u] = state.lo[f] as number
        uHi[u] = state.hi[f] as number
        uZero[u] = state.zero[f] as number
        uNeed[u] = state.need[f] as number
        uWant[u] = state.want[f] as number
        const bit = state.nodeBit[parent] as number
        state.need[f] = (state.need[f] as number) | bit
        const c = cover[parent] as number
        state.zero[f] = (state.zero[f] as number) * (c > 0 ? (cover[node] as number) / c : 0.5)
        const t = threshold[parent] as number
        if (node === left[parent]) {
          state.hi[f] = Math.min(state.hi[f] as number, t)
          state.want[f] = (state.want[f] as number) | bit
        } else {
          state.lo[f] = Math.max(state.lo[f] as number, t)
        }
      }
      u++
      if (top + 3 > sNode.length) {
        sNode = growTypedArray(sNode)
        sParent = growTypedArray(sParent)
      }
      sNode[top] = -1
      sParent[top++] = -1
    }
    if ((feature[node] as number) < 0) {
      visitor.leaf(node, d, path)
      continue
    }
    visitor.split?.(node)
    if (top + 3 > sNode.length) {
      sNode = growTypedArray(sNode)
      sParent = growTypedArray(sParent)
    }
    sNode[top] = right[node] as number
    sParent[top++] = node
    sNode[top] = left[node] as number
    sParent[top++] = node
  }
}

/** Internal nodes reachable from the tree's root. */
function countSplits(tree: ShapTree): number {
  let count = 0
  walkTree(tree, {
    leaf() {},
    split() {
      count++
    },
  })
  return count
}
