/**
 * Seeded synthetic data: Gaussian clusters of different sizes and spreads,
 * with about 3% planted anomalies (label 1): half scattered uniformly over a
 * box wider than the clusters ("global"), half drawn around a cluster centre
 * with 3x its spread ("local", some of them overlapping the cluster's tail).
 * The same (rows, cols, seed) always gives the same rows.
 */
import { createMatrix } from '../src/math/matrix.js'
import { createRng, type Rng } from '../src/math/random.js'
import type { LabelledData } from './load-csv.js'

const CLUSTERS = 6
const ANOMALY_RATE = 0.03
const CENTRE_RANGE = 10
const BOX = 15
const LOCAL_SPREAD = 3

interface Cluster {
  readonly centre: Float64Array
  readonly spread: Float64Array
}

export function syntheticData(rows: number, cols: number, seed: number): LabelledData {
  const rng = createRng(seed)
  const gaussian = gaussianSource(rng)
  const clusters: Cluster[] = Array.from({ length: CLUSTERS }, () => ({
    centre: Float64Array.from({ length: cols }, () => rng.uniform(-CENTRE_RANGE, CENTRE_RANGE)),
    spread: Float64Array.from({ length: cols }, () => rng.uniform(0.5, 2)),
  }))
  const weights = cumulative(clusters.map(() => rng.uniform(1, 4)))
  const X = createMatrix(rows, cols)
  const y = new Uint8Array(rows)
  for (let i = 0; i < rows; i++) {
    const row = X.data.subarray(i * cols, (i + 1) * cols)
    const anomaly = rng.next() < ANOMALY_RATE
    y[i] = anomaly ? 1 : 0
    if (anomaly && rng.next() < 0.5) {
      for (let j = 0; j < cols; j++) row[j] = rng.uniform(-BOX, BOX)
      continue
    }
    const c = clusters[pick(weights, rng.next())] as Cluster
    const scale = anomaly ? LOCAL_SPREAD : 1
    for (let j = 0; j < cols; j++) row[j] = (c.centre[j] as number) + scale * (c.spread[j] as number) * gaussian()
  }
  return { X, y, featureNames: Array.from({ length: cols }, (_, j) => `f${j + 1}`) }
}

/** Standard normal draws (Box-Muller, both values of each pair used). */
function gaussianSource(rng: Rng): () => number {
  let spare: number | undefined
  return () => {
    if (spare !== undefined) {
      const v = spare
      spare = undefined
      return v
    }
    const u = 1 - rng.next()
    const r = Math.sqrt(-2 * Math.log(u))
    const theta = 2 * Math.PI * rng.next()
    spare = r * Math.sin(theta)
    return r * Math.cos(theta)
  }
}

function cumulative(weights: readonly number[]): Float64Array {
  const total = weights.reduce((a, w) => a + w, 0)
  const out = new Float64Array(weights.length)
  let sum = 0
  weights.forEach((w, k) => {
    sum += w / total
    out[k] = sum
  })
  return out
}

function pick(cumulativeWeights: Float64Array, u: number): number {
  for (let k = 0; k < cumulativeWeights.length; k++) if (u < (cumulativeWeights[k] as number)) return k
  return cumulativeWeights.length - 1
}
