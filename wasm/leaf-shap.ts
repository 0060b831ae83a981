// AssemblyScript source of the leaf-table TreeSHAP kernel (src/explain/leaf-tables.ts
// explains the maths). Compiled by `npm run build:wasm` into
// src/explain/leaf-shap-wasm.ts; edit this file, then rebuild.
//
// Every pointer is a byte offset into the imported memory, laid out by
// `leafTableLayout` in src/explain/leaf-tables.ts. `x` holds the row with NaN
// mapped to +Infinity and −Infinity to −MAX_VALUE, so one interval test
// lo < x ≤ hi per path feature also covers missing values (NaN goes right at
// every split, as +Infinity does).

/** Add the row's SHAP values over every leaf into `phi`. */
export function shap(
  leaves: i32,
  leafStart: usize,
  leafTable: usize,
  leafValue: usize,
  pathFeature: usize,
  pathLo: usize,
  pathHi: usize,
  pathZero: usize,
  pathRatio: usize,
  table: usize,
  weights: usize,
  stride: i32,
  poly: usize,
  x: usize,
  phi: usize,
): void {
  for (let l: i32 = 0; l < leaves; l++) {
    const start = load<i32>(leafStart + (<usize>l << 2))
    const end = load<i32>(leafStart + (<usize>(l + 1) << 2))
    // M: the path features whose every split the row satisfies (bit i = entry start + i)
    let m: i32 = 0
    let bit: i32 = 1
    for (let i = start; i < end; i++) {
      const xv = load<f64>(x + (<usize>load<i32>(pathFeature + (<usize>i << 2)) << 3))
      const inside = i32(xv > load<f64>(pathLo + (<usize>i << 3))) & i32(xv <= load<f64>(pathHi + (<usize>i << 3)))
      m |= select<i32>(bit, 0, inside != 0)
      bit <<= 1
    }
    const t = load<i32>(leafTable + (<usize>l << 2))
    if (t >= 0) tabledLeaf(start, end, m, table + (<usize>t << 3), pathFeature, pathRatio, phi)
    else polynomialLeaf(start, end, m, load<f64>(leafValue + (<usize>l << 3)), pathFeature, pathZero, weights + (<usize>((end - start) * stride) << 3), poly, phi)
  }
}

/** A leaf with a table T(A) = v · Π_{i∉A} z_i · H(A): −T(M) to each unsatisfied feature, r_j · T(M∖j) to each satisfied one. */
@inline
function tabledLeaf(start: i32, end: i32, m: i32, t: usize, pathFeature: usize, pathRatio: usize, phi: usize): void {
  const cold = load<f64>(t + (<usize>m << 3))
  let bit: i32 = 1
  for (let i = start; i < end; i++) {
    const p = phi + (<usize>load<i32>(pathFeature + (<usize>i << 2)) << 3)
    const hot = load<f64>(pathRatio + (<usize>i << 3)) * load<f64>(t + (<usize>(m ^ bit) << 3))
    store<f64>(p, load<f64>(p) + select<f64>(hot, -cold, (m & bit) != 0))
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
