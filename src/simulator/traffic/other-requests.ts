import { internalIp } from '../network.js'
import { chance, intBetween, logNormal, pick, pickWeighted, uuid } from '../sample.js'
import { latency } from './latency.js'
import { makeDraft } from './make-draft.js'
import type { RequestBuilder } from './request-context.js'
import { customerSession } from './session.js'

/** A statement PDF served by file storage. */
export const statement: RequestBuilder = (ctx, time) => {
  const s = customerSession(ctx.rng, ctx.population)
  const cid = uuid(ctx.rng)
  const ms = latency(ctx.rng, 'file-storage-service')
  const bytes = logNormal(ctx.rng, 240_000, 0.5)
  const common = { userId: s.customer.id, ip: s.ip, geo: s.geo, correlationId: cid, device: s.device, bytes }
  return [
    makeDraft({ ...common, time, service: 'file-storage-service', kind: 'file', message: `Statement PDF downloaded by ${s.customer.id} (${Math.round(bytes / 1024)} KB)`, responseMs: ms, measured: { files_modified: 0, cpu_percent: Math.round(logNormal(ctx.rng, 22, 0.3)) } }),
    makeDraft({ ...common, time: time + ms + 5, service: 'api-gateway', kind: 'http', message: `GET /v1/statements 200 (${Math.round(ms + 5)} ms)`, responseMs: ms + 5 }),
  ]
}

export const tokenRefresh: RequestBuilder = (ctx, time) => {
  const s = customerSession(ctx.rng, ctx.population)
  return [makeDraft({ time, service: 'auth-service', kind: 'http', message: `Access token refreshed for ${s.customer.id}`, userId: s.customer.id, ip: s.ip, geo: s.geo, correlationId: uuid(ctx.rng), responseMs: latency(ctx.rng, 'auth-service', 0.2), bytes: logNormal(ctx.rng, 700, 0.1), device: s.device })]
}

export const notification: RequestBuilder = (ctx, time) => {
  const s = customerSession(ctx.rng, ctx.population)
  const channel = pickWeighted(ctx.rng, ['Push', 'Email', 'SMS'], (c) => (c === 'Push' ? 5 : c === 'Email' ? 3 : 2))
  const failed = chance(ctx.rng, 0.005)
  return [makeDraft({ time, service: 'notification-service', kind: 'notify', message: failed ? `${channel} delivery failed for ${s.customer.id}: provider timeout` : `${channel} notification sent to ${s.customer.id}`, userId: s.customer.id, ip: internalIp(ctx.rng, 4), geo: s.customer.home, correlationId: uuid(ctx.rng), responseMs: latency(ctx.rng, 'notification-service', failed ? 20 : 1), bytes: logNormal(ctx.rng, 800, 0.3), status: failed ? 504 : 200 })]
}

/** A support agent looks up a few customer records. */
export const supportLookup: RequestBuilder = (ctx, time) => {
  const agent = pick(ctx.rng, ctx.population.employees)
  const customer = ctx.population.customer(ctx.rng)
  const records = intBetween(ctx.rng, 1, 5)
  return [makeDraft({ time, service: 'customer-data-service', kind: 'pii', message: `Customer record ${customer.id} viewed by ${agent.id} (${records} records)`, userId: agent.id, ip: agent.ip, geo: agent.geo, correlationId: uuid(ctx.rng), responseMs: latency(ctx.rng, 'customer-data-service'), bytes: records * logNormal(ctx.rng, 2000, 0.3), measured: { records_accessed: records } })]
}

/** A scheduled export to a partner or the backup vault. */
export const partnerExport: RequestBuilder = (ctx, time) => {
  const destination = pick(ctx.rng, ctx.population.knownDestinations)
  const bytes = logNormal(ctx.rng, 12_000_000, 0.8)
  return [makeDraft({ time, service: 'file-storage-service', kind: 'file', message: `Scheduled export to ${destination}: ${(bytes / 1e6).toFixed(1)} MB`, userId: 'svc-batch', ip: internalIp(ctx.rng, 3), geo: 'US-NJ', correlationId: uuid(ctx.rng), responseMs: logNormal(ctx.rng, 4000, 0.5), bytes, destination, measured: { files_modified: intBetween(ctx.rng, 1, 20), cpu_percent: Math.round(logNormal(ctx.rng, 35, 0.3)) } })]
}

/** A query the database logs as slow (ordinary: every database has some). */
export const slowQuery: RequestBuilder = (ctx, time) => {
  const ms = logNormal(ctx.rng, 450, 0.4)
  return [makeDraft({ time, service: 'database-service', kind: 'query', message: `Slow query (${Math.round(ms)} ms): SELECT … FROM transactions WHERE account_id = $1 ORDER BY created_at`, level: 'WARN', userId: null, ip: internalIp(ctx.rng, 2), geo: 'US-NJ', correlationId: uuid(ctx.rng), responseMs: ms, bytes: logNormal(ctx.rng, 30_000, 0.8) })]
}

const MISC_ROUTES: readonly (readonly [string, number, number])[] = [
  ['GET /v1/rates', 200, 30],
  ['GET /v1/branches', 200, 10],
  ['GET /v1/accounts/unknown', 404, 3],
  ['POST /v1/auth/login', 429, 0.3],
  ['GET /v1/accounts/balance', 500, 0.2],
]

/** Gateway-only traffic: public endpoints, the odd 404, 429 or 500. */
export const gatewayMisc: RequestBuilder = (ctx, time) => {
  const s = customerSession(ctx.rng, ctx.population)
  const [route, status] = pickWeighted(ctx.rng, MISC_ROUTES, (r) => r[2])
  const ms = latency(ctx.rng, 'api-gateway', status === 500 ? 4 : 1)
  return [makeDraft({ time, service: 'api-gateway', kind: 'http', message: `${route} ${status} (${Math.round(ms)} ms)`, userId: status === 404 || route.includes('accounts') ? s.customer.id : null, ip: s.ip, geo: s.geo, correlationId: uuid(ctx.rng), responseMs: ms, bytes: logNormal(ctx.rng, 1500, 0.6), status })]
}
