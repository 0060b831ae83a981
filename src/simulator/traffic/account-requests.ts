import type { Draft } from '../draft.js'
import { logNormal, uuid } from '../sample.js'
import { gateway } from './gateway-row.js'
import { latency } from './latency.js'
import { makeDraft } from './make-draft.js'
import type { RequestBuilder, RequestContext } from './request-context.js'
import { customerSession, type Session } from './session.js'

type Served = 'account-service' | 'customer-data-service'

/** The two rows of a simple read or write served by one service behind the gateway. */
export function servedRows(ctx: RequestContext, s: Session, time: number, service: Served, route: string, message: string, records?: number): Draft[] {
  const cid = uuid(ctx.rng)
  const ms = latency(ctx.rng, service)
  const row = makeDraft({
    time,
    service,
    kind: service === 'customer-data-service' ? 'pii' : 'account',
    message,
    userId: s.customer.id,
    ip: s.ip,
    geo: s.geo,
    correlationId: cid,
    responseMs: ms,
    bytes: logNormal(ctx.rng, 1800, 0.5),
    device: s.device,
    ...(records !== undefined ? { measured: { records_accessed: records } } : {}),
  })
  return [row, gateway(ctx, s, time, route, 200, ms, cid)]
}

function served(service: Served, route: string, message: (s: Session) => string, records?: number): RequestBuilder {
  return (ctx, time) => {
    const s = customerSession(ctx.rng, ctx.population)
    return servedRows(ctx, s, time, service, route, message(s), records)
  }
}

/** A balance inquiry by this session's customer. */
export function balanceRows(ctx: RequestContext, s: Session, time: number): Draft[] {
  return servedRows(ctx, s, time, 'account-service', 'GET /v1/accounts/balance', `Balance inquiry for ${s.customer.id}`)
}

export const balance: RequestBuilder = (ctx, time) => balanceRows(ctx, customerSession(ctx.rng, ctx.population), time)
export const settings = served('account-service', 'PUT /v1/accounts/settings', (s) => `Notification preferences updated for ${s.customer.id}`)
export const profile = served('customer-data-service', 'GET /v1/customers/me', (s) => `Customer profile viewed by ${s.customer.id} (1 record)`, 1)
