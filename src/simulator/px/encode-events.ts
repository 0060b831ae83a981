import { DIM } from './dimensions.js'
import { IsoClock } from './iso-time.js'
import { STRIDE, type PxBatch } from './px-batch.js'
import type { PxEvent } from './px-event.js'
import type { TrafficModel } from './traffic-model.js'
import type { UserPool } from './user-pool.js'

/** What the encoders need beside the batch. */
export interface EncodeContext {
  readonly model: TrafficModel
  readonly users: UserPool
  /** Regression ids by index; when given, each shaped event carries `regression`. */
  readonly labels?: readonly string[] | undefined
}

/** A batch as event objects (one object per request; the strings are shared). */
export function toEvents(batch: PxBatch, ctx: EncodeContext, clock = new IsoClock()): PxEvent[] {
  const v = ctx.model.values
  const out = new Array<PxEvent>(batch.length)
  for (let i = 0; i < batch.length; i++) {
    const o = i * STRIDE
    const e: PxEvent = {
      timestamp: clock.format(batch.time[i]!),
      partner: v[DIM.partner]![batch.dims[o + DIM.partner]!]!,
      country: v[DIM.country]![batch.dims[o + DIM.country]!]!,
      operation: v[DIM.operation]![batch.dims[o + DIM.operation]!]!,
      pi_type: v[DIM.pi_type]![batch.dims[o + DIM.pi_type]!]!,
      flight: v[DIM.flight]![batch.dims[o + DIM.flight]!]!,
      region: v[DIM.region]![batch.dims[o + DIM.region]!]!,
      instance: v[DIM.instance]![batch.dims[o + DIM.instance]!]!,
      status: batch.status[i]!,
      latency_ms: batch.latency[i]!,
    }
    const u = batch.user[i]!
    if (u >= 0) {
      e.user_id = ctx.users.ids[u]!
      e.ip = ctx.users.ips[u]!
    }
    if (ctx.labels !== undefined && batch.regression[i]! >= 0) e.regression = ctx.labels[batch.regression[i]!]!
    out[i] = e
  }
  return out
}
