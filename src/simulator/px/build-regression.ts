import { InvalidInputError } from '../../errors.js'
import { combinationStats, toCombination } from './combination.js'
import type { PxDimensions } from './dimensions.js'
import type { ActiveRegression, RegressionEffectLabel, RegressionSource, RegressionType } from './regression.js'
import { expectedRequests, MINUTE_MS, type Timeline } from './timeline.js'
import type { TrafficModel } from './traffic-model.js'

/** A regression with its window settled, before it is checked and labelled. */
export interface RegressionSpec {
  readonly id: string
  readonly name: string
  readonly source: RegressionSource
  readonly type: RegressionType
  readonly dimensions: PxDimensions
  readonly startMs: number
  readonly endMs: number
  readonly rate?: number | undefined
  readonly status?: number | undefined
  readonly multiplier?: number | undefined
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits))

/**
 * Check a regression against the model and label it. `field` names it in
 * errors: an unknown value, a combination with no traffic, an error rate not
 * above the combination's baseline, a status of the wrong class or a
 * multiplier that changes nothing are InvalidInputErrors.
 */
export function buildRegression(model: TrafficModel, timeline: Timeline, spec: RegressionSpec, index: number, field: string): ActiveRegression {
  const combo = toCombination(model, spec.dimensions, `${field}.dimensions`)
  const stats = combinationStats(model, combo)
  if (stats.share === 0) throw new InvalidInputError(`${field}.dimensions ${JSON.stringify(spec.dimensions)} carries no traffic in the simulator (e.g. psd2_session is only in PSD2 countries, citizens_one_financing only in US)`, { field: `${field}.dimensions`, value: spec.dimensions })
  const startMs = Math.max(spec.startMs, timeline.startMs)
  const endMs = Math.min(spec.endMs, timeline.endMs)
  if (!(endMs > startMs)) throw new InvalidInputError(`${field} lies outside the simulated time ${new Date(timeline.startMs).toISOString()} – ${new Date(timeline.endMs).toISOString()}`, { field, value: { start: new Date(spec.startMs).toISOString(), end: new Date(spec.endMs).toISOString() } })
  const { effect, rate, status, multiplier } = checkEffect(spec, stats, field)
  const expected = expectedRequests(timeline, startMs, endMs) * stats.share
  const fixed = [...combo.keys()].filter((d) => combo[d]! >= 0)
  return {
    index,
    type: spec.type,
    combo,
    fixedDims: Int32Array.from(fixed),
    fixedValues: Int32Array.from(fixed, (d) => combo[d]!),
    startMs,
    endMs,
    rate,
    status,
    multiplier,
    share: stats.share,
    label: {
      id: spec.id,
      name: spec.name,
      source: spec.source,
      type: spec.type,
      direction: spec.type === 'traffic' && multiplier < 1 ? 'down' : 'up',
      dimensions: { ...spec.dimensions },
      start: new Date(startMs).toISOString(),
      end: new Date(endMs).toISOString(),
      effect,
      expected_rpm: round(expected / ((endMs - startMs) / MINUTE_MS), 4),
      expected_requests: round(expected, 2),
      traffic_share: Number(stats.share.toPrecision(6)),
    },
  }
}

function checkEffect(spec: RegressionSpec, stats: ReturnType<typeof combinationStats>, field: string): { effect: RegressionEffectLabel; rate: number; status: number; multiplier: number } {
  if (spec.type === 'system_errors' || spec.type === 'user_errors') {
    const baseline = spec.type === 'system_errors' ? stats.systemErrorRate : stats.userErrorRate
    const rate = spec.rate
    if (rate === undefined || !(rate > baseline)) {
      throw new InvalidInputError(`${field}.effect.rate must be above the combination's baseline ${spec.type === 'system_errors' ? '5xx' : '4xx'} rate ${baseline.toFixed(4)}; got ${rate ?? 'nothing'}`, { field: `${field}.effect.rate`, value: rate, limit: baseline })
    }
    const status = spec.status ?? 0
    const lo = spec.type === 'system_errors' ? 500 : 400
    if (status !== 0 && (status < lo || status >= lo + 100)) throw new InvalidInputError(`${field}.effect.status must be a ${lo / 100}xx code for ${spec.type}; got ${status}`, { field: `${field}.effect.status`, value: status, limit: [lo, lo + 99] })
    return { effect: { rate, baseline_rate: round(baseline, 5), ...(status !== 0 ? { status } : {}) }, rate, status, multiplier: 1 }
  }
  const multiplier = spec.multiplier
  if (spec.type === 'latency' && (multiplier === undefined || !(multiplier > 1))) throw new InvalidInputError(`${field}.effect.multiplier must be above 1 for a latency regression; got ${multiplier ?? 'nothing'}`, { field: `${field}.effect.multiplier`, value: multiplier, limit: 1 })
  if (spec.type === 'traffic' && (multiplier === undefined || multiplier === 1)) throw new InvalidInputError(`${field}.effect.multiplier must differ from 1 for a traffic regression (0 = drop to zero, 3 = triple); got ${multiplier ?? 'nothing'}`, { field: `${field}.effect.multiplier`, value: multiplier })
  const m = multiplier as number
  return { effect: spec.type === 'latency' ? { multiplier: m, baseline_latency_ms: round(stats.typicalLatencyMs, 1) } : { multiplier: m }, rate: 0, status: 0, multiplier: m }
}
