import type { Matrix } from '../../math/matrix.js'
import { createRng, deriveSeed, type Rng } from '../../math/random.js'
import type { Forest } from './forest.js'
import { createNodeBuffer, growTree } from './grow-tree.js'
import { effectiveMaxSamples, type IsolationForestParams } from './params.js'

/** Train an isolation forest: each tree on its own subsample of ψ rows, depth limited to ceil(log2 ψ). */
export function fitForest(X: Matrix, params: IsolationForestParams, seed: number, progress?: (fraction: number) => void): Forest {
  const psi = effectiveMaxSamples(params.max_samples, X.rows)
  const maxDepth = Math.ceil(Math.log2(Math.max(psi, 2)))
  const nTreeFeatures = Math.max(1, Math.floor(params.max_features * X.cols))
  const trees = params.n_estimators
  const buf = createNodeBuffer(trees * Math.min(2 * psi, 2 ** (maxDepth + 1)))
  const roots = new Int32Array(trees)
  const sample = new Int32Array(psi)
  for (let t = 0; t < trees; t++) {
    const rng = createRng(deriveSeed(seed, t))
    drawSample(X.rows, sample, params.bootstrap, rng)
    const features = drawFeatures(X.cols, nTreeFeatures, rng)
    roots[t] = growTree(X, sample, features, maxDepth, rng, buf)
    progress?.((t + 1) / trees)
  }
  return {
    trees,
    maxSamples: psi,
    nFeatures: X.cols,
    roots,
    feature: buf.feature.slice(0, buf.size),
    value: buf.value.slice(0, buf.size),
    left: buf.left.slice(0, buf.size),
  }
}

/** Fill `out` with row indices: with replacement, or distinct ones (Floyd's method when sparse). */
function drawSample(n: number, out: Int32Array, bootstrap: boolean, rng: Rng): void {
  const k = out.length
  if (bootstrap) {
    for (let i = 0; i < k; i++) out[i] = rng.int(n)
    return
  }
  if (k * 4 < n) {
    const chosen = new Set<number>()
    for (let j = n - k; j < n; j++) {
      const r = rng.int(j + 1)
      chosen.add(chosen.has(r) ? j : r)
    }
    let i = 0
    for (const r of chosen) out[i++] = r
    return
  }
  const perm = new Int32Array(n)
  for (let i = 0; i < n; i++) perm[i] = i
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i)
    const t = perm[i] as number
    perm[i] = perm[j] as number
    perm[j] = t
  }
  out.set(perm.subarray(0, k))
}

function drawFeatures(d: number, k: number, rng: Rng): Int32Array {
  const all = new Int32Array(d)
  for (let i = 0; i < d; i++) all[i] = i
  if (k >= d) return all
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(d - i)
    const t = all[i] as number
    all[i] = all[j] as number
    all[j] = t
  }
  return all.slice(0, k)
}
