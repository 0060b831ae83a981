import { intBetween, logNormal, normal, pick, uuid } from '../sample.js'
import { makeDraft, planted } from '../traffic/make-draft.js'
import { customerSession } from '../traffic/session.js'
import type { Draft } from '../draft.js'
import type { Pattern } from './pattern.js'
import { spread } from './helpers.js'

const TIMEOUT_MS = 30_000

const UPSTREAMS = [
  { service: 'transaction-service', route: 'POST /v1/transfers', kind: 'transfer' },
  { service: 'payment-service', route: 'POST /v1/cards/authorize', kind: 'card' },
  { service: 'account-service', route: 'GET /v1/accounts/balance', kind: 'account' },
] as const

/**
 * BANK-009: one backend stops answering in time (a stuck core-banking call);
 * requests hang until the 30 s timeout and the gateway answers 504.
 */
export const timeoutSpike: Pattern = {
  id: 'timeout_spike',
  traces: "one backend's requests end at the 30 s timeout for a few minutes: response_time_ms about 30,000, status 504 at the gateway and the service, that service's error_rate climbs",
  plan(ctx) {
    const { rng } = ctx
    const upstream = pick(rng, UPSTREAMS)
    const rows: Draft[] = []
    for (const time of spread(rng, ctx.start, intBetween(rng, 7, 16), intBetween(rng, 60, 200) * 1000)) {
      const s = customerSession(rng, ctx.population)
      const cid = uuid(rng)
      const ms = TIMEOUT_MS + Math.abs(normal(rng, 0, 40))
      const common = { userId: s.customer.id, ip: s.ip, geo: s.geo, correlationId: cid, status: 504, device: s.device }
      rows.push(
        planted(makeDraft({ ...common, time: time + ms, service: upstream.service, kind: 'http', message: `Request timed out after ${TIMEOUT_MS} ms waiting for core-banking (${upstream.route})`, responseMs: ms, bytes: 0 }), 0.95),
        planted(makeDraft({ ...common, time: time + ms + 4, service: 'api-gateway', kind: 'http', message: `${upstream.route} 504 (${Math.round(ms + 4)} ms): upstream ${upstream.service} timed out`, responseMs: ms + 4, bytes: logNormal(rng, 300, 0.1) }), 0.9),
      )
    }
    return rows
  },
}
