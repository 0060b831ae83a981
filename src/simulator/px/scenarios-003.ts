import type { RegressionSpec } from './build-regression.js'
import { combinationStats, toCombination } from './combination.js'
import type { PxDimensions } from './dimensions.js'
import type { RegressionType } from './regression.js'
import { MINUTE_MS, timeToCarry, type Timeline } from './timeline.js'
import type { TrafficModel } from './traffic-model.js'

interface Example {
  readonly id: string
  readonly name: string
  readonly type: RegressionType
  readonly dimensions: PxDimensions
  readonly rate?: number
  readonly status?: number
  readonly multiplier?: number
}

/** 003 §1.1's four examples, in its words. */
export const EXAMPLES_003: readonly Example[] = [
  { id: '003-1', name: 'Edit PI returns 5xx for Mastercard in Canada on partner DIME', type: 'system_errors', dimensions: { operation: 'edit_pi', pi_type: 'mc', country: 'CA', partner: 'dime' }, rate: 0.25 },
  { id: '003-2', name: "Add PI latency up for Citizen's One Financing in Central US", type: 'latency', dimensions: { operation: 'add_pi', pi_type: 'citizens_one_financing', region: 'centralus' }, multiplier: 3 },
  { id: '003-3', name: 'PSD2 sessions return 4xx for many more users', type: 'user_errors', dimensions: { operation: 'psd2_session' }, rate: 0.3 },
  { id: '003-4', name: 'One of the 80 PX-PROD servers returns 401 Unauthorized', type: 'user_errors', dimensions: { instance: 'eastus-07' }, rate: 0.95, status: 401 },
]

/** Each example's window carries at least this many requests of its combination (so ~30 to detect is well inside). */
const MIN_REQUESTS = 240
const MIN_MINUTES = 30
const MAX_MINUTES = 8 * 60
/** Busy hour (UTC) each example starts at when its slot has one. */
const START_HOUR = 14

/**
 * Place the four examples one after another, after a warm-up (a day, or a
 * quarter of a shorter run) for the baselines, each in its own slot of the
 * rest, starting at the slot's first 14:00 UTC when that is in its first half, and lasting
 * until its combination carried {@link MIN_REQUESTS} expected requests
 * (30 minutes to 8 hours, and at most 60% of the slot).
 */
export function scenarios003(model: TrafficModel, timeline: Timeline): RegressionSpec[] {
  const span = timeline.endMs - timeline.startMs
  const warmup = Math.min(24 * 60 * MINUTE_MS, span / 4)
  const slot = (span - warmup) / EXAMPLES_003.length
  return EXAMPLES_003.map((x, k) => {
    const slotStart = timeline.startMs + warmup + k * slot
    const busy = nextHour(slotStart, START_HOUR)
    const startMs = busy + MIN_MINUTES * MINUTE_MS <= slotStart + slot * 0.5 ? busy : slotStart
    const share = combinationStats(model, toCombination(model, x.dimensions)).share
    const carry = timeToCarry(timeline, startMs, MIN_REQUESTS, share)
    const longest = Math.min(MAX_MINUTES * MINUTE_MS, slot * 0.6)
    const endMs = startMs + Math.min(longest, Math.max(MIN_MINUTES * MINUTE_MS, carry - startMs))
    return { id: x.id, name: x.name, source: '003', type: x.type, dimensions: x.dimensions, startMs, endMs, rate: x.rate, status: x.status, multiplier: x.multiplier }
  })
}

/** The first `hour`:00 UTC at or after `t`, on a whole minute. */
function nextHour(t: number, hour: number): number {
  const day = 86_400_000
  const dayStart = Math.floor(t / day) * day
  const candidate = dayStart + hour * 3_600_000
  return candidate >= t ? candidate : candidate + day
}
