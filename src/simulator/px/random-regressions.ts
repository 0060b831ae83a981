import { createRng, type Rng } from '../../math/random.js'
import { buildRegression, type RegressionSpec } from './build-regression.js'
import { type Combination, combinationStats, type CombinationStats, fromCombination } from './combination.js'
import type { PxRandomInput } from './config-schema.js'
import { DIM, PX_DIMENSIONS } from './dimensions.js'
import { drawLeaf } from './draw-leaf.js'
import { REGRESSION_TYPES, type ActiveRegression, type RegressionType } from './regression.js'
import { MINUTE_MS, timeToCarry, type Timeline } from './timeline.js'
import type { TrafficModel } from './traffic-model.js'

/** {@link PxRandomInput} with every default filled in. */
export type ResolvedRandom = Required<Omit<PxRandomInput, 'seed' | 'warmup_minutes'>> & { readonly seed: number; readonly warmup_minutes: number }

/** Defaults of the random regressions (the warm-up depends on the run's length). */
export const RANDOM_DEFAULTS = {
  count: 0,
  types: [...REGRESSION_TYPES],
  dimensions: [1, 4] as [number, number],
  traffic_rpm: [0.5, 120] as [number, number],
  system_error_rate: [0.05, 0.5] as [number, number],
  user_error_rate: [0.2, 0.8] as [number, number],
  latency_multiplier: [1.5, 5] as [number, number],
  traffic_drop: [0, 0.3] as [number, number],
  traffic_spike: [3, 10] as [number, number],
  duration_minutes: [30, 240] as [number, number],
  min_requests: 60,
  gap_minutes: 60,
}

const ATTEMPTS = 200
const CANDIDATES = 24

/**
 * Draw `count` regressions, the types taking turns: a combination of 1–4
 * dimensions whose traffic is near a log-uniform target in `traffic_rpm`, an
 * effect from the type's range, a window after the warm-up, lengthened until
 * it carries `min_requests`. A regression whose combination overlaps one
 * already placed (an ancestor, a descendant or a sibling sharing leaves) is
 * kept `gap_minutes` away from it in time, so each label explains its
 * events alone. Returns what could be placed; `skipped` counts the rest.
 */
export function randomRegressions(model: TrafficModel, timeline: Timeline, ratePerSecond: number, options: ResolvedRandom, placed: readonly ActiveRegression[]): { regressions: ActiveRegression[]; skipped: number } {
  const rng = createRng(options.seed)
  const all = [...placed]
  const out: ActiveRegression[] = []
  let skipped = 0
  const meanPerMinute = ratePerSecond * 60
  const leaf = new Int32Array(PX_DIMENSIONS.length)
  // the same combinations come up again and again (they are drawn in proportion to traffic)
  const memo = new Map<string, CombinationStats>()
  const stats = (combo: Combination): CombinationStats => {
    const key = combo.join(',')
    let s = memo.get(key)
    if (s === undefined) {
      s = combinationStats(model, combo)
      memo.set(key, s)
    }
    return s
  }
  for (let i = 0; i < options.count; i++) {
    const type = options.types[i % options.types.length] as RegressionType
    let done = false
    for (let attempt = 0; attempt < ATTEMPTS && !done; attempt++) {
      // the cheap draws first: a window that cannot fit costs no combination search
      const duration = uniform(rng, options.duration_minutes[0], options.duration_minutes[1]) * MINUTE_MS
      const earliest = timeline.startMs + options.warmup_minutes * MINUTE_MS
      const latest = timeline.endMs - duration
      if (latest <= earliest) continue
      const startMs = Math.floor(uniform(rng, earliest, latest) / MINUTE_MS) * MINUTE_MS
      const effect = drawEffect(rng, type, options, Math.floor(i / options.types.length))
      const k = between(rng, options.dimensions[0], options.dimensions[1])
      const target = Math.exp(uniform(rng, Math.log(options.traffic_rpm[0]), Math.log(options.traffic_rpm[1])))
      const combo = nearestCombination(model, rng, leaf, k, target / meanPerMinute, stats)
      if (combo === undefined) continue
      const s = stats(combo)
      const rpm = s.share * meanPerMinute
      if (rpm < options.traffic_rpm[0] || rpm > options.traffic_rpm[1]) continue
      const baseline = type === 'system_errors' ? s.systemErrorRate : type === 'user_errors' ? s.userErrorRate : 0
      if (effect.rate !== undefined && !(effect.rate > 2 * baseline)) continue
      const carried = timeToCarry(timeline, startMs, options.min_requests, s.share)
      if (carried >= timeline.endMs) continue
      const endMs = Math.min(timeline.endMs, Math.max(startMs + duration, carried))
      const gap = options.gap_minutes * MINUTE_MS
      if (all.some((r) => r.startMs < endMs + gap && startMs < r.endMs + gap && combinationsOverlap(model, r.combo, combo))) continue
      const n = placed.length + out.length
      const spec: RegressionSpec = { id: `rnd-${i + 1}`, name: `random ${type} ${describe(type, effect)}`, source: 'random', type, dimensions: fromCombination(model, combo), startMs, endMs, ...effect }
      const regression = buildRegression(model, timeline, spec, n, `random[${i}]`)
      out.push(regression)
      all.push(regression)
      done = true
    }
    if (!done) skipped++
  }
  return { regressions: out, skipped }
}

/** Whether two combinations share any leaf (no dimension pins them to different values). */
export function combinationsOverlap(model: TrafficModel, a: Combination, b: Combination): boolean {
  for (let d = 0; d < a.length; d++) if (a[d]! >= 0 && b[d]! >= 0 && a[d] !== b[d]) return false
  const region = (c: Combination): number => (c[DIM.instance]! >= 0 ? model.instanceRegion[c[DIM.instance]!]! : c[DIM.region]!)
  const ra = region(a)
  const rb = region(b)
  return !(ra >= 0 && rb >= 0 && ra !== rb)
}

/** Of a few combinations of k dimensions taken from drawn requests (so in proportion to traffic), the one whose share is nearest the target. */
function nearestCombination(model: TrafficModel, rng: Rng, leaf: Int32Array, k: number, targetShare: number, stats: (c: Combination) => CombinationStats): Combination | undefined {
  let best: Combination | undefined
  let bestDistance = Infinity
  for (let j = 0; j < CANDIDATES; j++) {
    drawLeaf(model, rng, leaf)
    const combo = new Int32Array(PX_DIMENSIONS.length).fill(-1)
    const dims = shuffle(rng, [...PX_DIMENSIONS.keys()]).slice(0, k)
    for (const d of dims) combo[d] = leaf[d]!
    // an instance pins its region: naming both says the same thing twice
    if (combo[DIM.instance]! >= 0 && combo[DIM.region]! >= 0) continue
    const share = stats(combo).share
    const distance = Math.abs(Math.log(share / targetShare))
    if (distance < bestDistance) {
      best = combo
      bestDistance = distance
    }
  }
  return best
}

/** `turn` counts the regressions of this type so far: traffic alternates drop and spike, and every third drop goes to zero. */
function drawEffect(rng: Rng, type: RegressionType, o: ResolvedRandom, turn: number): { rate?: number; multiplier?: number } {
  switch (type) {
    case 'system_errors':
      return { rate: round(uniform(rng, ...o.system_error_rate), 3) }
    case 'user_errors':
      return { rate: round(uniform(rng, ...o.user_error_rate), 3) }
    case 'latency':
      return { multiplier: round(uniform(rng, ...o.latency_multiplier), 2) }
    case 'traffic': {
      if (turn % 2 === 1) return { multiplier: round(uniform(rng, ...o.traffic_spike), 2) }
      return { multiplier: (turn / 2) % 3 === 0 ? 0 : round(uniform(rng, ...o.traffic_drop), 3) }
    }
  }
}

function describe(type: RegressionType, e: { rate?: number; multiplier?: number }): string {
  if (e.rate !== undefined) return `to ${(e.rate * 100).toFixed(1)}%`
  return type === 'latency' ? `×${e.multiplier}` : e.multiplier === 0 ? 'to zero' : `×${e.multiplier}`
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits))
const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng.next()
const between = (rng: Rng, lo: number, hi: number): number => lo + rng.int(hi - lo + 1)

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    const t = items[i] as T
    items[i] = items[j] as T
    items[j] = t
  }
  return items
}
