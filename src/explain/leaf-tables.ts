import { growTypedArray } from '../math/grow-typed-array.js'
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
 * leaf stores H for all 2^d subsets (Fast TreeSHAP v2's idea, Yang 2021),
 * and its path as one interval per feature (the splits on a feature along a
 * path intersect to lo < x ≤ hi). A row then costs, per leaf, d interval
 * tests to find M and one table read and multiply-add per path feature:
 * O(Σ d) instead of TreeSHAP's O(Σ d²) plus a pass over every node. Tables
 * are built once per model (O(2^d · d) per leaf) and take 2^d doubles per
 * leaf: leaves above a cut-off chosen to fit a memory budget get none and
 * compute H(M) and each H(M∖j) per row from the e-polynomial of M
 * (O(|M|²)). Paths splitting on more than 30 distinct features (masks are
 * 31-bit integers) and models whose paths alone exceed the budget use
 * `treeShap` instead (see `treeEnsembleExplainer`).
 */
export interface LeafTables {
  /** Doubles in `table`. */
  readonly entries: number
  /** Leaves with at most this many path features have a table. */
  readonly tableFeatures: number
  readonly leaves: number
  /** Leaf l's path features are entries leafStart[l] … leafStart[l + 1] − 1 of the path arrays, in first-split order (bit i = entry i). */
  readonly leafStart: Int32Array
  /** Where leaf l's 2^d values of H start in `table`; −1 for a leaf whose H is computed per row. */
  readonly leafTable: Int32Array
  /** Leaf value × scale. */
  readonly leafValue: Float64Array
  readonly pathFeature: Int32Array
  /** The row satisfies the path's splits on this feature when lo < x ≤ hi … */
  readonly pathLo: Float64Array
  readonly pathHi: Float64Array
  /** … or, for a missing value (NaN goes right at every split), when no split on the path sent it left. */
  readonly pathNan: Uint8Array
  /** Product of the path's cover fractions on the feature. */
  readonly pathZero: Float64Array
  readonly table: Float64Array
  /** w_d(k) = k!(d − k − 1)!/d! at d · stride + k, for the leaves without a table. */
  readonly weights: Float64Array
  readonly stride: number
  /** Scratch polynomials for the leaves without a table. */
  readonly poly: Float64Array
  readonly quotient: Float64Array
}

/** Leaves with more distinct path features than this never get a table (2^d doubles). */
export const LEAF_TABLE_MAX_FEATURES = 16
/** Masks are 31-bit integers: paths splitting on more distinct features than this need `treeShap`. */
export const LEAF_PATH_MAX_FEATURES = 30

/** Bytes per leaf (offsets, value) and per path entry (feature, interval, NaN flag, zero fraction). */
const LEAF_BYTES = 16
const PATH_ENTRY_BYTES = 29

/** The shape of an ensemble's leaf paths: how many leaves have d distinct path features, for every d. */
export interface LeafPathStats {
  leaves: number
  pathEntries: number
  /** byFeatures[d] = leaves whose path splits on d distinct features. */
  readonly byFeatures: number[]
}

/** Add the tree's leaves to `stats` (iterative, any depth). */
export function addLeafPathStats(tree: ShapTree, stats: LeafPathStats): LeafPathStats {
  walkTree(tree, {
    leaf(_leaf, d) {
      stats.leaves++
      stats.pathEntries += d
      stats.byFeatures[d] = (stats.byFeatures[d] ?? 0) + 1
    },
  })
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
 * `byteBudget`, or undefined when even the paths alone do not fit
 * or a path splits on more than `LEAF_PATH_MAX_FEATURES` features.
 */
export function planLeafTables(stats: LeafPathStats, byteBudget: number): LeafTablePlan | undefined {
  if (stats.byFeatures.length - 1 > LEAF_PATH_MAX_FEATURES) return undefined
  const base = stats.leaves * LEAF_BYTES + stats.pathEntries * PATH_ENTRY_BYTES
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
  const stats: LeafPathStats = known ?? { leaves: 0, pathEntries: 0, byFeatures: [] }
  let width = 1
  for (const tree of trees) {
    if (!known) addLeafPathStats(tree, stats)
    for (let i = 0; i < tree.feature.length; i++) width = Math.max(width, (tree.feature[i] as number) + 1)
  }
  const maxD = stats.byFeatures.length - 1
  if (maxD > LEAF_PATH_MAX_FEATURES) throw new RangeError(`a leaf path splits on ${maxD} distinct features; leaf tables allow at most ${LEAF_PATH_MAX_FEATURES}`)
  let entries = 0
  for (let d = 0; d <= Math.min(maxD, tableFeatures); d++) entries += (stats.byFeatures[d] ?? 0) * 2 ** d
  const maxTableD = Math.min(maxD, tableFeatures)
  const stride = maxD + 1
  const weights = new Float64Array(stride * stride)
  for (let d = 1; d <= maxD; d++) shapleyWeights(d, weights, d * stride)
  const t: LeafTables = {
    entries,
    tableFeatures,
    leaves: stats.leaves,
    leafStart: new Int32Array(stats.leaves + 1),
    leafTable: new Int32Array(stats.leaves),
    leafValue: new Float64Array(stats.leaves),
    pathFeature: new Int32Array(stats.pathEntries),
    pathLo: new Float64Array(stats.pathEntries),
    pathHi: new Float64Array(stats.pathEntries),
    pathNan: new Uint8Array(stats.pathEntries),
    pathZero: new Float64Array(stats.pathEntries),
    table: new Float64Array(entries),
    weights,
    stride,
    poly: new Float64Array(stride + 1),
    quotient: new Float64Array(stride + 1),
  }
  // e-polynomials of every subset of one leaf's path: row m holds e_0 … e_d of {z_i : i ∈ m}
  const scratch = new Float64Array(2 ** maxTableD * (maxTableD + 1))
  const state: PathState = { lo: new Float64Array(width), hi: new Float64Array(width), nan: new Uint8Array(width), zero: new Float64Array(width) }
  let l = 0
  let at = 0
  let tableAt = 0
  for (const tree of trees) {
    walkTree(
      tree,
      {
        leaf(leaf, d, path) {
          t.leafStart[l] = at
          t.leafValue[l] = (tree.value[leaf] as number) * scale
          for (let i = 0; i < d; i++) {
            const f = path[i] as number
            t.pathFeature[at + i] = f
            t.pathLo[at + i] = state.lo[f] as number
            t.pathHi[at + i] = state.hi[f] as number
            t.pathNan[at + i] = state.nan[f] as number
            t.pathZero[at + i] = state.zero[f] as number
          }
          if (d <= tableFeatures) {
            t.leafTable[l] = tableAt
            fillLeafTable(t.pathZero, at, d, t.table, tableAt, scratch, weights.subarray(d * stride, d * stride + d))
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
  }
  t.leafStart[stats.leaves] = at
  return t
}

/** Add the SHAP values of the row at `x[offset…]` into `phi` (indexed by feature). */
export function leafTablesShap(tables: LeafTables, x: ArrayLike<number>, offset: number, phi: Float64Array): void {
  const { leafStart, leafTable, leafValue, pathFeature, pathLo, pathHi, pathNan, pathZero, table, leaves } = tables
  for (let l = 0; l < leaves; l++) {
    const start = leafStart[l] as number
    const end = leafStart[l + 1] as number
    // M: the path features whose every split the row satisfies; zp: Π of the others' zero fractions
    let m = 0
    let zp = 1
    for (let i = start, bit = 1; i < end; i++, bit <<= 1) {
      const xv = x[offset + (pathFeature[i] as number)] as number
      if (xv !== xv ? pathNan[i] === 1 : xv > (pathLo[i] as number) && xv <= (pathHi[i] as number)) m |= bit
      else zp *= pathZero[i] as number
    }
    const a = (leafValue[l] as number) * zp
    if (a === 0 || end === start) continue
    const t = leafTable[l] as number
    if (t < 0) {
      perRowLeaf(tables, start, end, m, a, phi)
      continue
    }
    const cold = a * (table[t + m] as number)
    for (let i = start, bit = 1; i < end; i++, bit <<= 1) {
      const f = pathFeature[i] as number
      if ((m & bit) !== 0) phi[f] = (phi[f] as number) + a * (1 - (pathZero[i] as number)) * (table[t + (m ^ bit)] as number)
      else phi[f] = (phi[f] as number) - cold
    }
  }
}

/**
 * A leaf without a table: H(M) and every H(M∖j) from the e-polynomial of the
 * satisfied features' zero fractions (O(s²) for s satisfied features);
 * dividing out (1 + z_j t) runs forward (q_k = e_k − z_j q_{k−1}), which only
 * ever multiplies an error by z_j ≤ 1.
 */
function perRowLeaf(tables: LeafTables, start: number, end: number, m: number, a: number, phi: Float64Array): void {
  const { pathFeature, pathZero, weights, stride, poly, quotient } = tables
  const d = end - start
  const w = d * stride
  poly[0] = 1
  let s = 0
  for (let i = start, bit = 1; i < end; i++, bit <<= 1) {
    if ((m & bit) === 0) continue
    const z = pathZero[i] as number
    s++
    poly[s] = 0
    for (let k = s; k >= 1; k--) poly[k] = (poly[k] as number) + z * (poly[k - 1] as number)
  }
  if (s < d) {
    let h = 0
    for (let k = 0; k <= s; k++) h += (weights[w + k] as number) * (poly[s - k] as number)
    const cold = a * h
    for (let i = start, bit = 1; i < end; i++, bit <<= 1) {
      if ((m & bit) !== 0) continue
      const f = pathFeature[i] as number
      phi[f] = (phi[f] as number) - cold
    }
  }
  for (let i = start, bit = 1; i < end; i++, bit <<= 1) {
    if ((m & bit) === 0) continue
    const z = pathZero[i] as number
    quotient[0] = 1
    for (let k = 1; k < s; k++) quotient[k] = (poly[k] as number) - z * (quotient[k - 1] as number)
    let h = 0
    for (let k = 0; k < s; k++) h += (weights[w + k] as number) * (quotient[s - 1 - k] as number)
    const f = pathFeature[i] as number
    phi[f] = (phi[f] as number) + a * (1 - z) * h
  }
}

/** w_d(s) = s!(d − s − 1)!/d! for s < d at `out[at…]`, by the ratio w_d(s + 1)/w_d(s) = (s + 1)/(d − s − 1). */
function shapleyWeights(d: number, out: Float64Array, at: number): void {
  out[at] = 1 / d
  for (let s = 0; s + 1 < d; s++) out[at + s + 1] = ((out[at + s] as number) * (s + 1)) / (d - s - 1)
}

/** H(A) for every subset A of the d path features at `zero[at…]`, written at `out[outAt…]` (H of the full set is never read: 0). */
function fillLeafTable(zero: Float64Array, at: number, d: number, out: Float64Array, outAt: number, poly: Float64Array, weights: Float64Array): void {
  if (d === 0) {
    out[outAt] = 0
    return
  }
  const stride = d + 1
  poly.fill(0, 0, stride)
  poly[0] = 1
  const full = 2 ** d - 1
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
    out[outAt + m] = h
  }
}

interface TreeVisitor {
  /** Called at every leaf with the distinct features split on along its path (first-split order). */
  leaf(leaf: number, d: number, path: Int32Array): void
}

/** Per feature on the current path: the interval its splits allow, whether NaN passes them, the product of their cover fractions. */
interface PathState {
  readonly lo: Float64Array
  readonly hi: Float64Array
  readonly nan: Uint8Array
  readonly zero: Float64Array
}

/**
 * Preorder walk of the tree (left subtree first) keeping the distinct
 * features of the current path and, with `state`, each one's interval, NaN
 * flag and zero fraction. Iterative (explicit stack of edges to apply and
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
  let uNan = new Int32Array(64)
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
        state.nan[f] = uNan[u] as number
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
        uNan = growTypedArray(uNan)
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
          state.nan[f] = 1
        }
      }
      counts[f] = (counts[f] as number) + 1
      if (state) {
        uLo[u] = state.lo[f] as number
        uHi[u] = state.hi[f] as number
        uZero[u] = state.zero[f] as number
        uNan[u] = state.nan[f] as number
        const c = cover[parent] as number
        state.zero[f] = (state.zero[f] as number) * (c > 0 ? (cover[node] as number) / c : 0.5)
        const t = threshold[parent] as number
        if (node === left[parent]) {
          state.hi[f] = Math.min(state.hi[f] as number, t)
          state.nan[f] = 0
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
