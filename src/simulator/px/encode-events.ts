import { holderName } from './card-holder-names.js'
import { CARD_OPERATIONS } from './catalogue.js'
import { DIM } from './dimensions.js'
import { IsoClock } from './iso-time.js'
import type { Population } from './population.js'
import { STRIDE, type PxBatch } from './px-batch.js'
import type { PxEvent } from './px-event.js'
import type { TrafficModel } from './traffic-model.js'

/** What the encoders need beside the batch. */
export interface EncodeContext {
  readonly model: TrafficModel
  readonly population: Population
  /** Regression ids by index; when given, each shaped event carries `regression`. */
  readonly labels?: readonly string[] | undefined
  /** Attack ids by index; when given, each attack's event carries `attack`. */
  readonly attacks?: readonly string[] | undefined
}

/** Per operation index: whether its events carry card fields. */
export function cardOperations(model: TrafficModel): Uint8Array {
  return Uint8Array.from(model.values[DIM.operation]!, (o) => (CARD_OPERATIONS.includes(o) ? 1 : 0))
}

/** A batch as event objects (one object per request; the dimension strings are shared). */
export function toEvents(batch: PxBatch, ctx: EncodeContext, clock = new IsoClock()): PxEvent[] {
  const v = ctx.model.values
  const pop = ctx.population
  const cardOp = cardOperations(ctx.model)
  const out = new Array<PxEvent>(batch.length)
  for (let i = 0; i < batch.length; i++) {
    const o = i * STRIDE
    const op = batch.dims[o + DIM.operation]!
    const status = batch.status[i]!
    const timestamp = clock.format(batch.time[i]!)
    const partner = v[DIM.partner]![batch.dims[o + DIM.partner]!]!
    const country = v[DIM.country]![batch.dims[o + DIM.country]!]!
    const operation = v[DIM.operation]![op]!
    const pi_type = v[DIM.pi_type]![batch.dims[o + DIM.pi_type]!]!
    const flight = v[DIM.flight]![batch.dims[o + DIM.flight]!]!
    const region = v[DIM.region]![batch.dims[o + DIM.region]!]!
    const instance = v[DIM.instance]![batch.dims[o + DIM.instance]!]!
    const latency_ms = batch.latency[i]!
    const u = batch.user[i]!
    const card = cardOp[op] === 1
    const validation_result = status >= 400 && status < 500 ? 'failed' : 'passed'
    // whole literals, one per shape, rather than fields added one by one: far fewer hidden-class transitions
    let e: PxEvent
    if (u < 0) {
      e = card
        ? { timestamp, partner, country, operation, pi_type, flight, region, instance, status, latency_ms, validation_result }
        : { timestamp, partner, country, operation, pi_type, flight, region, instance, status, latency_ms }
    } else if (card) {
      e = {
        timestamp,
        partner,
        country,
        operation,
        pi_type,
        flight,
        region,
        instance,
        status,
        latency_ms,
        user_id: pop.userId(u),
        ip: pop.ip(batch.ip[i]!),
        card_fingerprint: pop.fingerprint(batch.card[i]!),
        card_holder_name: holderName(batch.holder[i]!),
        validation_result,
      }
    } else {
      e = { timestamp, partner, country, operation, pi_type, flight, region, instance, status, latency_ms, user_id: pop.userId(u), ip: pop.ip(batch.ip[i]!) }
    }
    if (batch.malformed[i] === 1) e.malformed = true
    if (ctx.labels !== undefined && batch.regression[i]! >= 0) e.regression = ctx.labels[batch.regression[i]!]!
    if (ctx.attacks !== undefined && batch.attack[i]! >= 0) e.attack = ctx.attacks[batch.attack[i]!]!
    out[i] = e
  }
  return out
}
