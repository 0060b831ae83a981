import { deriveSeed } from '../../math/random.js'
import { InvalidInputError } from '../../errors.js'
import type { AttackLabel, BenignHeavyLabel } from './attack.js'
import { buildRegression, type RegressionSpec } from './build-regression.js'
import type { CallerStream } from './caller-stream.js'
import type { PxRegressionInput, PxTrafficConfigInput } from './config-schema.js'
import { planAttacks } from './plan-attacks.js'
import { Population } from './population.js'
import { RANDOM_DEFAULTS, randomRegressions, type ResolvedRandom } from './random-regressions.js'
import type { ActiveRegression } from './regression.js'
import { scenarios003 } from './scenarios-003.js'
import { buildTimeline, MINUTE_MS, type Timeline } from './timeline.js'
import type { TrafficModel } from './traffic-model.js'

/** Defaults of the PX traffic simulator. */
export const PX_DEFAULTS = {
  seed: 1,
  start: '2025-01-06T00:00:00.000Z',
  duration_minutes: 7 * 24 * 60,
  rate_per_second: 30,
  traffic_noise: 0.05,
  users: 1_000_000,
  ips: 200_000,
} as const

/** Everything the generator runs with. */
export interface ResolvedPxConfig {
  readonly seed: number
  readonly start: string
  readonly duration_minutes: number
  readonly rate_per_second: number
  readonly traffic_noise: number
  readonly users: number
  readonly ips: number
  readonly presets: readonly ('003' | '003-abuse')[]
  readonly random: ResolvedRandom
  readonly timeline: Timeline
  /** Sorted by start. */
  readonly regressions: readonly ActiveRegression[]
  /** Random regressions that found no room (see `randomRegressions`). */
  readonly skipped: number
  /** Who calls: ids, addresses, cards and names as hashes of an index. */
  readonly population: Population
  /** Ground truth of the attacks, by start. */
  readonly attacks: readonly AttackLabel[]
  /** Busy entities that are not attacks. */
  readonly benign: readonly BenignHeavyLabel[]
  /** The attacks' and heavy users' request streams, by start. */
  readonly streams: readonly CallerStream[]
}

/** Defaults + a checked config (see `checkPxConfig`) → the run: timeline, labelled regressions. */
export function resolvePxConfig(model: TrafficModel, input: PxTrafficConfigInput = {}): ResolvedPxConfig {
  const seed = input.seed ?? PX_DEFAULTS.seed
  const start = input.start ?? PX_DEFAULTS.start
  const startMs = Date.parse(start)
  if (!Number.isFinite(startMs)) throw new InvalidInputError(`config.start '${start}' is not a date-time`, { field: 'config.start', value: start })
  const duration = input.duration_minutes ?? PX_DEFAULTS.duration_minutes
  const rate = input.rate_per_second ?? PX_DEFAULTS.rate_per_second
  const noise = input.traffic_noise ?? PX_DEFAULTS.traffic_noise
  const timeline = buildTimeline(startMs, duration, rate, noise, deriveSeed(seed, 1))
  const presets = input.presets ?? []

  const specs: { spec: RegressionSpec; field: string }[] = []
  if (presets.includes('003')) scenarios003(model, timeline).forEach((spec, i) => specs.push({ spec, field: `config.presets[003][${i}]` }))
  ;(input.scenarios ?? []).forEach((s, i) => specs.push({ spec: fromInput(s, i, timeline), field: `config.scenarios[${i}]` }))
  const fixed = specs.map(({ spec, field }, i) => buildRegression(model, timeline, spec, i, field))
  const ids = new Set<string>()
  for (const r of fixed) {
    if (ids.has(r.label.id)) throw new InvalidInputError(`regression id '${r.label.id}' is used twice; ids must be unique`, { field: 'config.scenarios', value: r.label.id })
    ids.add(r.label.id)
  }

  const random = resolveRandom(input, seed, duration)
  const { regressions: drawn, skipped } = randomRegressions(model, timeline, rate, random, fixed)
  const regressions = [...fixed, ...drawn].sort((a, b) => a.startMs - b.startMs || a.index - b.index).map((r, index) => ({ ...r, index }))
  const users = input.users ?? PX_DEFAULTS.users
  const ips = input.ips ?? PX_DEFAULTS.ips
  const population = new Population(seed, users, ips)
  const plan = planAttacks(model, timeline, population, seed, input.attacks, presets.includes('003-abuse'), input.benign_heavy)
  return {
    seed,
    start: new Date(startMs).toISOString(),
    duration_minutes: duration,
    rate_per_second: rate,
    traffic_noise: noise,
    users,
    ips,
    presets,
    random,
    timeline,
    regressions,
    skipped,
    population,
    attacks: plan.attacks,
    benign: plan.benign,
    streams: plan.streams,
  }
}

function fromInput(s: PxRegressionInput, i: number, timeline: Timeline): RegressionSpec {
  const field = `config.scenarios[${i}]`
  const startMs = s.start !== undefined ? Date.parse(s.start) : timeline.startMs + (s.start_offset_minutes ?? Math.floor((timeline.endMs - timeline.startMs) / 2 / MINUTE_MS)) * MINUTE_MS
  if (!Number.isFinite(startMs)) throw new InvalidInputError(`${field}.start '${s.start}' is not a date-time`, { field: `${field}.start`, value: s.start })
  const endMs = s.end !== undefined ? Date.parse(s.end) : startMs + (s.duration_minutes ?? 120) * MINUTE_MS
  if (!Number.isFinite(endMs) || !(endMs > startMs)) throw new InvalidInputError(`${field}.end must be a date-time after its start; got '${s.end}'`, { field: `${field}.end`, value: s.end })
  if (startMs < timeline.startMs || startMs >= timeline.endMs) throw new InvalidInputError(`${field} starts at ${new Date(startMs).toISOString()}, outside the simulated time ${new Date(timeline.startMs).toISOString()} – ${new Date(timeline.endMs).toISOString()}`, { field: `${field}.start`, value: new Date(startMs).toISOString() })
  return { id: s.id ?? `cfg-${i + 1}`, name: s.name ?? `${s.type} in ${JSON.stringify(s.dimensions)}`, source: 'config', type: s.type, dimensions: s.dimensions, startMs, endMs, rate: s.effect.rate, status: s.effect.status, multiplier: s.effect.multiplier }
}

function resolveRandom(input: PxTrafficConfigInput, seed: number, duration: number): ResolvedRandom {
  const r = input.random ?? {}
  const out: ResolvedRandom = {
    ...RANDOM_DEFAULTS,
    ...r,
    types: r.types ?? RANDOM_DEFAULTS.types,
    seed: r.seed ?? deriveSeed(seed, 2),
    warmup_minutes: r.warmup_minutes ?? Math.min(24 * 60, duration / 4),
  }
  for (const key of ['dimensions', 'traffic_rpm', 'system_error_rate', 'user_error_rate', 'latency_multiplier', 'traffic_drop', 'traffic_spike', 'duration_minutes'] as const) {
    const [lo, hi] = out[key]
    if (lo > hi) throw new InvalidInputError(`config.random.${key} must be [min, max] with min <= max; got [${lo}, ${hi}]`, { field: `config.random.${key}`, value: out[key] })
  }
  return out
}
