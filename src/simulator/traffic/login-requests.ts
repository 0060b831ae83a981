import type { Draft } from '../draft.js'
import { chance, intBetween, logNormal, uuid } from '../sample.js'
import { gateway } from './gateway-row.js'
import { latency } from './latency.js'
import { makeDraft } from './make-draft.js'
import type { RequestBuilder, RequestContext } from './request-context.js'
import { customerSession, type Session } from './session.js'

/** Share of ordinary logins that fail (a mistyped password), followed by a retry. */
const TYPO_RATE = 0.04

/** Login through the gateway; a failed one is retried a little later, usually successfully. */
export function loginAttempt(ctx: RequestContext, s: Session, time: number, success: boolean): Draft[] {
  const cid = uuid(ctx.rng)
  const ms = latency(ctx.rng, 'auth-service')
  const status = success ? 200 : 401
  const auth = makeDraft({
    time,
    service: 'auth-service',
    kind: 'login',
    message: success ? `Login successful for ${s.customer.id}` : `Login failed for ${s.customer.id}: invalid password`,
    userId: s.customer.id,
    ip: s.ip,
    geo: s.geo,
    correlationId: cid,
    responseMs: ms,
    bytes: logNormal(ctx.rng, 900, 0.2),
    status,
    login: { success },
    device: s.device,
  })
  return [auth, gateway(ctx, s, time, 'POST /v1/auth/login', status, ms, cid)]
}

/** A customer logs in (sometimes mistyping the password first). */
export const login: RequestBuilder = (ctx, time) => {
  const s = customerSession(ctx.rng, ctx.population)
  if (!chance(ctx.rng, TYPO_RATE)) return loginAttempt(ctx, s, time, true)
  const retry = time + intBetween(ctx.rng, 5, 40) * 1000
  return [...loginAttempt(ctx, s, time, false), ...loginAttempt(ctx, s, retry, chance(ctx.rng, 0.85))]
}
