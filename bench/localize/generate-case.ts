import { createRng, type Rng } from '../../src/math/random.js'

/** One semi-synthetic setting, in the style of the Squeeze (ISSRE'19) and RiskLoc (2022) generators. */
export interface CaseSettings {
  readonly measure: 'count' | 'rate'
  /** Values per dimension; leaves = their product (every combination present). */
  readonly cardinalities: readonly number[]
  /** Dimensions of each root cause. */
  readonly rootCauseDims: number
  /** `same`: the root causes of a case share a cuboid (as in Squeeze's data); `mixed`: each picks its own dimensions, no two sharing a leaf. */
  readonly cuboids: 'same' | 'mixed'
  /** Number of root causes. */
  readonly rootCauses: number
  /** Relative forecast error of every leaf (standard deviation). */
  readonly noise: number
  /** `standard`: count −20…−90% or +20…+150%, rate + 2–50% of the successes; `weak`: count ±5–20%, rate + 0.5–5%. */
  readonly severity: 'standard' | 'weak'
  readonly seed: number
}

export type LeafRow = Record<string, string | number>

export interface GeneratedCase {
  readonly settings: CaseSettings
  readonly leaves: LeafRow[]
  /** The planted root causes. */
  readonly truth: Record<string, string>[]
}

/** Share of leaves that are nearly empty. */
const SPARSE_SHARE = 0.2
/** Per-leaf spread of a root cause's severity (RiskLoc's "anomaly deviation"): ±this. */
const LEAF_SPREAD = 0.1

/** Smallest forecast share a planted root cause holds (smaller ones are not a visible incident). */
const MIN_SHARE = 0.001

/**
 * A case: leaf forecasts with a heavy tail (value popularity per dimension
 * times a log-normal leaf factor; a fifth of the leaves nearly empty), observations =
 * Poisson(forecast × (1 + noise)), then root causes planted (in one cuboid, or in several):
 * - count: every leaf under a root cause moves by the same severity
 *   (down 20–90% or up 20–150%) plus ±10% per leaf (Squeeze's ripple effect);
 * - rate: requests follow the forecast; errors are binomial at the leaf's
 *   expected rate (0.5–5%) times (1 + noise), and under a root cause the
 *   failure rate rises by 2–50% of the remaining successes (p + s(1 − p),
 *   s ±10% per leaf),
 *   so the rate moves while the traffic does not.
 */
export function generateCase(settings: CaseSettings): GeneratedCase {
  const rng = createRng(settings.seed)
  const gauss = gaussian(rng)
  const names = settings.cardinalities.map((_, d) => `d${d + 1}`)
  const popularity = settings.cardinalities.map((n) => Array.from({ length: n }, () => Math.exp(gauss() * 0.8)))
  const leafCount = settings.cardinalities.reduce((p, n) => p * n, 1)
  const codes: number[][] = []
  const forecast: number[] = []
  for (let i = 0; i < leafCount; i++) {
    let rest = i
    const c = settings.cardinalities.map((n) => {
      const v = rest % n
      rest = Math.floor(rest / n)
      return v
    })
    codes.push(c)
    const pop = c.reduce((p, v, d) => p * ((popularity[d] as number[])[v] as number), 1)
    // a fifth of the leaves are nearly empty (sparse combinations, as in real multi-dimensional data)
    forecast.push(pop * Math.exp(gauss() * 0.7) * 60 * (rng.next() < SPARSE_SHARE ? 0.02 : 1))
  }
  const total = forecast.reduce((s, f) => s + f, 0)
  const planted = plantRootCauses(rng, settings, codes, forecast, total)
  const leaves: LeafRow[] = codes.map((c, i) => {
    const row: LeafRow = {}
    c.forEach((v, d) => (row[names[d] as string] = `${names[d]}v${v}`))
    const f = forecast[i] as number
    const s = planted.find((rc) => rc.dims.every((d, j) => c[d] === rc.values[j]))?.severity
    const wobble = s === undefined ? 0 : (rng.next() - 0.5) * 2 * LEAF_SPREAD
    const noisy = f * Math.max(0, 1 + gauss() * settings.noise)
    if (settings.measure === 'count') {
      row.actual = poisson(rng, gauss, s === undefined ? noisy : noisy * Math.max(0, 1 + s + wobble))
      row.expected = Number(f.toFixed(2))
    } else {
      const rate = 0.005 * Math.exp(rng.next() * Math.log(10))
      const requests = poisson(rng, gauss, noisy)
      const served = Math.min(1, rate * Math.max(0, 1 + gauss() * settings.noise))
      const p = s === undefined ? served : Math.min(1, served + s * (1 + wobble) * (1 - served))
      row.requests = requests
      row.errors = binomial(rng, gauss, requests, p)
      const expectedRequests = Number(f.toFixed(2))
      row.expected_requests = expectedRequests
      row.expected_errors = Number((expectedRequests * rate).toFixed(4))
    }
    return row
  })
  const truth = planted.map((rc) => Object.fromEntries(rc.dims.map((d, j) => [names[d] as string, `${names[d]}v${rc.values[j]}`])))
  return { settings, leaves, truth }
}

function severity(rng: Rng, measure: 'count' | 'rate', strength: 'standard' | 'weak'): number {
  if (measure === 'rate') return strength === 'weak' ? rng.uniform(0.005, 0.05) : rng.uniform(0.02, 0.5)
  const size = strength === 'weak' ? rng.uniform(0.05, 0.2) : undefined
  return rng.next() < 0.5 ? -(size ?? rng.uniform(0.2, 0.9)) : (size ?? rng.uniform(0.2, 1.5))
}

function pickDims(rng: Rng, n: number, k: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    ;[all[i], all[j]] = [all[j] as number, all[i] as number]
  }
  return all.slice(0, k).sort((a, b) => a - b)
}

interface Planted {
  readonly dims: number[]
  readonly values: number[]
  readonly severity: number
}

/**
 * Distinct elements holding at least MIN_SHARE of the forecast each: of one
 * cuboid (`same`), or each of its own cuboid and sharing no leaf with the
 * others (`mixed`). Fewer when not enough are eligible.
 */
function plantRootCauses(rng: Rng, settings: CaseSettings, codes: number[][], forecast: number[], total: number): Planted[] {
  const shared = pickDims(rng, settings.cardinalities.length, settings.rootCauseDims)
  const planted: Planted[] = []
  for (let attempt = 0; planted.length < settings.rootCauses && attempt < 50; attempt++) {
    const dims = settings.cuboids === 'same' ? shared : pickDims(rng, settings.cardinalities.length, settings.rootCauseDims)
    const share = new Map<string, number>()
    codes.forEach((c, i) => {
      const key = dims.map((d) => c[d]).join(',')
      share.set(key, (share.get(key) ?? 0) + (forecast[i] as number) / total)
    })
    const eligible = [...share.entries()].filter(([, s]) => s >= MIN_SHARE).map(([k]) => k)
    if (eligible.length === 0) continue
    const values = (eligible[rng.int(eligible.length)] as string).split(',').map(Number)
    const overlaps = planted.some((p) => codes.some((c) => p.dims.every((d, j) => c[d] === p.values[j]) && dims.every((d, j) => c[d] === values[j])))
    if (overlaps) continue
    planted.push({ dims, values, severity: severity(rng, settings.measure, settings.severity) })
  }
  return planted
}

function gaussian(rng: Rng): () => number {
  return () => Math.sqrt(-2 * Math.log(rng.next() + 1e-300)) * Math.cos(2 * Math.PI * rng.next())
}

function binomial(rng: Rng, gauss: () => number, n: number, p: number): number {
  if (n < 60) {
    let k = 0
    for (let i = 0; i < n; i++) if (rng.next() < p) k++
    return k
  }
  return Math.min(n, Math.max(0, Math.round(n * p + gauss() * Math.sqrt(n * p * (1 - p)))))
}

function poisson(rng: Rng, gauss: () => number, mean: number): number {
  if (mean > 40) return Math.max(0, Math.round(mean + gauss() * Math.sqrt(mean)))
  const limit = Math.exp(-mean)
  let k = 0
  let p = rng.next()
  while (p > limit) {
    k++
    p *= rng.next()
  }
  return k
}
