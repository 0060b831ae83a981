import type { Draft } from '../draft.js'
import { chance, clamp, logNormal, pick, round, uuid } from '../sample.js'
import { gateway } from './gateway-row.js'
import { latency } from './latency.js'
import { makeDraft } from './make-draft.js'
import type { RequestBuilder, RequestContext } from './request-context.js'
import { customerSession, type Session } from './session.js'

const CARD_DECLINE_RATE = 0.03

/** A transfer: gateway, transaction service, and the fraud engine's screening. */
export const transfer: RequestBuilder = (ctx, time) => {
  const s = customerSession(ctx.rng, ctx.population)
  const amount = round(logNormal(ctx.rng, s.customer.typicalAmount, 0.6), 2)
  return transferRows(ctx, s, time, amount, 0)
}

/** The three rows of one transfer; `risk` adds to the fraud engine's base score. */
export function transferRows(ctx: RequestContext, s: Session, time: number, amount: number, risk: number, message?: string): Draft[] {
  const cid = uuid(ctx.rng)
  const ms = latency(ctx.rng, 'transaction-service')
  const common = { userId: s.customer.id, ip: s.ip, geo: s.geo, correlationId: cid, device: s.device }
  const ratio = amount / s.customer.typicalAmount
  const score = round(clamp(0.03 + 0.08 * Math.max(0, Math.log(ratio)) + risk + 0.03 * ctx.rng.next(), 0, 0.999), 3)
  const fraudMs = latency(ctx.rng, 'fraud-detection-service')
  return [
    makeDraft({ ...common, time, service: 'transaction-service', kind: 'transfer', message: message ?? `Transfer completed: $${amount.toFixed(2)} from ${s.customer.id} to payee PAY-${ctx.rng.int(90000) + 10000}`, responseMs: ms, bytes: logNormal(ctx.rng, 1400, 0.3), measured: { amount } }),
    makeDraft({ ...common, time: time + ms * 0.4, service: 'fraud-detection-service', kind: 'fraud', message: score >= 0.7 ? `Transaction held for review: risk ${score}` : `Transaction screened: risk ${score}, approved`, level: score >= 0.7 ? 'WARN' : 'INFO', responseMs: fraudMs, bytes: logNormal(ctx.rng, 600, 0.2), measured: { amount, risk_score: score } }),
    gateway(ctx, s, time, 'POST /v1/transfers', 200, ms, cid),
  ]
}

/** A card payment at a merchant: the payment service, and for some the fraud screen. */
export const cardPayment: RequestBuilder = (ctx, time) => {
  const s = customerSession(ctx.rng, ctx.population)
  const amount = round(logNormal(ctx.rng, s.customer.typicalAmount * 0.5, 0.8), 2)
  const declined = chance(ctx.rng, CARD_DECLINE_RATE)
  const cid = uuid(ctx.rng)
  const token = pick(ctx.rng, s.customer.cards)
  const rows = [
    makeDraft({
      time,
      service: 'payment-service',
      kind: 'card',
      message: declined ? `Card authorization declined: $${amount.toFixed(2)} on ${token} (insufficient funds)` : `Card authorization approved: $${amount.toFixed(2)} on ${token}`,
      userId: s.customer.id,
      ip: s.ip,
      geo: s.geo,
      correlationId: cid,
      responseMs: latency(ctx.rng, 'payment-service'),
      bytes: logNormal(ctx.rng, 1100, 0.2),
      status: declined ? 402 : 200,
      measured: { amount },
      card: { token, declined },
    }),
  ]
  if (chance(ctx.rng, 0.4)) {
    const score = round(0.02 + 0.05 * ctx.rng.next(), 3)
    rows.push(makeDraft({ time: time + 20, service: 'fraud-detection-service', kind: 'fraud', message: `Card transaction screened: risk ${score}, approved`, userId: s.customer.id, ip: s.ip, geo: s.geo, correlationId: cid, responseMs: latency(ctx.rng, 'fraud-detection-service'), bytes: logNormal(ctx.rng, 600, 0.2), measured: { amount, risk_score: score } }))
  }
  return rows
}
