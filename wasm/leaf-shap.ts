// AssemblyScript source of the leaf-table TreeSHAP kernel (src/explain/leaf-tables.ts
// explains the maths). Compiled by `npm run build:wasm` into
// src/explain/leaf-shap-wasm.ts; edit this file, then rebuild.
//
// Every pointer is a byte offset into the imported memory, laid out by
// buildLeafTables in src/explain/leaf-tables.ts. `x` holds the row with NaN
// mapped to +Infinity and −Infinity to −MAX_VALUE, so the tests x ≤ threshold
// and lo < x ≤ hi also cover missing values (NaN goes right at every split,
// as +Infinity does against finite thresholds).

/** Field offsets (bytes) in the header: each field is an i32 (a count or a pointer). */
const TREES = 0
const TREE_LEAF_START = 4
const TREE_NODE_START = 8
const TREE_BY_BITS = 12
const NODE_FEATURE = 16
const NODE_THRESHOLD = 20
const LEAF_START = 24
const LEAF_TABLE = 28
const LEAF_VALUE = 32
const PATH_FEATURE = 36
const PATH_LO = 40
const PATH_HI = 44
const PATH_NEED = 48
const PATH_WANT = 52
const PATH_ZERO = 56
const PATH_RATIO = 60
const TABLE = 64
const WEIGHTS = 68
const STRIDE = 72
const POLY = 76
const X = 80
const PHI = 84

@inline
function field(header: usize, offset: usize): usize {
  return <usize>load<i32>(header + offset)
}

/**
 * Add the row's SHAP values over every leaf into `phi`. The header at
 * `header` holds the counts and pointers above (laid out by `buildLeafTables`).
 *
 * A leaf's M (bit i = its i-th path feature is satisfied) comes from one of
 * two tests. Trees with at most 32 internal nodes first take every node's
 * direction for the row as one 32-bit word D (bit k = the row goes left at
 * internal node k); a path feature is then satisfied when D agrees with the
 * path on every node splitting on it: (D ^ want) & need == 0. Larger trees
 * test the row against each path feature's interval, lo < x ≤ hi.
 */
export function shap(header: usize): void {
  const trees = load<i32>(header + TREES)
  const treeLeafStart = field(header, TREE_LEAF_START)
  const treeNodeStart = field(header, TREE_NODE_START)
  const treeByBits = field(header, TREE_BY_BITS)
  const nodeFeature = field(header, NODE_FEATURE)
  const nodeThreshold = field(header, NODE_THRESHOLD)
  const leafStart = field(header, LEAF_START)
  const leafTable = field(header, LEAF_TABLE)
  const leafValue = field(header, LEAF_VALUE)
  const pathFeature = field(header, PATH_FEATURE)
  const pathLo = field(header, PATH_LO)
  const pathHi = field(header, PATH_HI)
  const pathNeed = field(header, PATH_NEED)
  const pathWant = field(header, PATH_WANT)
  const pathZero = field(header, PATH_ZERO)
  const pathRatio = field(header, PATH_RATIO)
  const table = field(header, TABLE)
  const weights = field(header, WEIGHTS)
  const stride = load<i32>(header + STRIDE)
  const poly = field(header, POLY)
  const x = field(header, X)
  const phi = field(header, PHI)
  for (let tr: i32 = 0; tr < trees; tr++) {
    const byBits = load<i32>(treeByBits + (<usize>tr << 2)) != 0
    let D: i32 = 0
    if (byBits) {
      const ke = load<i32>(treeNodeStart + (<usize>(tr + 1) << 2))
      let bit: i32 = 1
      for (let k = load<i32>(treeNodeStart + (<usize>tr << 2)); k < ke; k++) {
        const xv = load<f64>(x + (<usize>load<i32>(nodeFeature + (<usize>k << 2)) << 3))
        D |= select<i32>(bit, 0, xv <= load<f64>(nodeThreshold + (<usize>k << 3)))
        bit <<= 1
      }
    }
    const le = load<i32>(treeLeafStart + (<usize>(tr + 1) << 2))
    for (let l = load<i32>(treeLeafStart + (<usize>tr << 2)); l < le; l++) {
      const start = load<i32>(leafStart + (<usize>l << 2))
      const end = load<i32>(leafStart + (<usize>(l + 1) << 2))
      let m: i32 = 0
      let bit: i32 = 1
      if (byBits) {
        for (let i = start; i < end; i++) {
          const miss = (D ^ load<i32>(pathWant + (<usize>i << 2))) & load<i32>(pathNeed + (<usize>i << 2))
          m |= select<i32>(bit, 0, miss == 0)
          bit <<= 1
        }
      } else {
        for (let i = start; i < end; i++) {
          const xv = load<f64>(x + (<usize>load<i32>(pathFeature + (<usize>i << 2)) << 3))
          const inside = i32(xv > load<f64>(pathLo + (<usize>i << 3))) & i32(xv <= load<f64>(pathHi + (<usize>i << 3)))
          m |= select<i32>(bit, 0, inside != 0)
          bit <<= 1
        }
      }
      const t = load<i32>(leafTable + (<usize>l << 2))
      if (t >= 0) tabledLeaf(start, end, m, table + (<usize>t << 3), pathFeature, pathRatio, phi)
      else polynomialLeaf(start, end, m, load<f64>(leafValue + (<usize>l << 3)), pathFeature, pathZero, weights + (<usize>((end - start) * stride) << 3), poly, phi)
    }
  }
}

/** A leaf with a table T(A) = v · Π_{i∉A} z_i · H(A): −T(M) to each unsatisfied feature, r_j · T(M∖j) to each satisfied one. */
@inline
function tabledLeaf(start: i32, end: i32, m: i32, t: usize, pathFeature: usize, pathRatio: usize, phi: usize): void {
  const cold = load<f64>(t + (<usize>m << 3))
  let bit: i32 = 1
  for (let i = start; i < end; i++) {
    const p = phi + (<usize>load<i32>(pathFeature + (<usize>i << 2)) << 3)
    if ((m & bit) != 0) store<f64>(p, load<f64>(p) + load<f64>(pathRatio + (<usize>i << 3)) * load<f64>(t + (<usize>(m ^ bit) << 3)))
    else store<f64>(p, load<f64>(p) - cold)
    bit <<= 1
  }
}

/**
 * A leaf without a table: H(M) and every H(M∖j) from the e-polynomial of the
 * satisfied features' zero fractions, O(|M|²). Dividing out (1 + z_j t) runs
 * forward (q_k = e_k − z_j q_{k−1}), which only ever multiplies an error by z_j ≤ 1.
 */
function polynomialLeaf(start: i32, end: i32, m: i32, value: f64, pathFeature: usize, pathZero: usize, w: usize, poly: usize, phi: usize): void {
  let a = value
  store<f64>(poly, 1.0)
  let s: i32 = 0
  let bit: i32 = 1
  for (let i = start; i < end; i++) {
    const z = load<f64>(pathZero + (<usize>i << 3))
    if ((m & bit) != 0) {
      s++
      store<f64>(poly + (<usize>s << 3), 0.0)
      for (let k = s; k >= 1; k--) {
        const q = poly + (<usize>k << 3)
        store<f64>(q, load<f64>(q) + z * load<f64>(q - 8))
      }
    } else {
      a *= z
    }
    bit <<= 1
  }
  if (a == 0) return
  if (s < end - start) {
    let h: f64 = 0
    for (let k = 0; k <= s; k++) h += load<f64>(w + (<usize>k << 3)) * load<f64>(poly + (<usize>(s - k) << 3))
    const cold = a * h
    bit = 1
    for (let i = start; i < end; i++) {
      if ((m & bit) == 0) {
        const p = phi + (<usize>load<i32>(pathFeature + (<usize>i << 2)) << 3)
        store<f64>(p, load<f64>(p) - cold)
      }
      bit <<= 1
    }
  }
  bit = 1
  for (let i = start; i < end; i++) {
    if ((m & bit) != 0) {
      const z = load<f64>(pathZero + (<usize>i << 3))
      let q: f64 = 1
      let h: f64 = load<f64>(w + (<usize>(s - 1) << 3))
      for (let k = 1; k < s; k++) {
        q = load<f64>(poly + (<usize>k << 3)) - z * q
        h += load<f64>(w + (<usize>(s - 1 - k) << 3)) * q
      }
      const p = phi + (<usize>load<i32>(pathFeature + (<usize>i << 2)) << 3)
      store<f64>(p, load<f64>(p) + a * (1 - z) * h)
    }
    bit <<= 1
  }
}
