/**
 * The simulator runs of the benchmark: a run with 003's four examples and
 * K random regressions of each class (system_errors, user_errors, latency,
 * traffic drop, traffic spike) at several traffic levels and effect sizes,
 * and the same run without any regression.
 *
 * The simulator's random regressions take turns over its four types and
 * alternate traffic drops and spikes, so 8K are drawn (2K per type, K drops
 * and K spikes) and the first K placed of each class are kept, written out
 * as explicit scenarios of a second run (same seed, same traffic).
 */
import { createPxTraffic, type PxRegressionInput, type PxTraffic, type RegressionLabel } from '../../src/simulator/px/index.js'
import type { BenchShape } from './bench-options.js'
import { type RegressionClass, regressionClass, REGRESSION_CLASSES } from './match-incidents.js'

/** Random regressions' combinations carry 0.5 to this many requests/min (the simulator's 120, or a quarter of a smaller service). */
export function trafficRange(ratePerMinute: number): [number, number] {
  return [0.5, Math.min(120, ratePerMinute / 4)]
}

function base(shape: BenchShape): { seed: number; duration_minutes: number; rate_per_second: number; users: number } {
  // no user_id/ip: the monitors do not read them, and they cost encoding time
  return { seed: shape.seed, duration_minutes: shape.days * 1440, rate_per_second: shape.ratePerMinute / 60, users: 0 }
}

export interface InjectedPlan {
  readonly traffic: PxTraffic
  /** Classes that got fewer than K regressions placed (no room in the run). */
  readonly short: Partial<Record<RegressionClass, number>>
}

export function injectedTraffic(shape: BenchShape): InjectedPlan {
  const draw = createPxTraffic({ ...base(shape), presets: ['003'], random: { count: 8 * shape.perType, traffic_rpm: trafficRange(shape.ratePerMinute) } })
  const picked: RegressionLabel[] = []
  const short: Partial<Record<RegressionClass, number>> = {}
  for (const cls of REGRESSION_CLASSES) {
    const of = draw.labels.filter((l) => l.source === 'random' && regressionClass(l.type, l.direction) === cls).slice(0, shape.perType)
    if (of.length < shape.perType) short[cls] = of.length
    picked.push(...of)
  }
  const scenarios: PxRegressionInput[] = picked.map((l) => ({
    id: l.id,
    name: l.name,
    type: l.type,
    dimensions: l.dimensions,
    effect: l.type === 'system_errors' || l.type === 'user_errors' ? { rate: l.effect.rate as number, ...(l.effect.status === undefined ? {} : { status: l.effect.status }) } : { multiplier: l.effect.multiplier as number },
    start: l.start,
    end: l.end,
  }))
  return { traffic: createPxTraffic({ ...base(shape), presets: ['003'], scenarios }), short }
}

export function cleanTraffic(shape: BenchShape): PxTraffic {
  return createPxTraffic(base(shape))
}
