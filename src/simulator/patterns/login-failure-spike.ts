import { chance, intBetween, pick, uuid } from '../sample.js'
import { latency } from '../traffic/latency.js'
import { makeDraft, planted } from '../traffic/make-draft.js'
import { customerSession } from '../traffic/session.js'
import type { Draft } from '../draft.js'
import type { Pattern } from './pattern.js'
import { spread } from './helpers.js'

const CAUSES = [
  { reason: 'identity provider timeout', status: 503, slowdown: 30 },
  { reason: 'MFA challenge not delivered', status: 401, slowdown: 2 },
  { reason: 'directory bind failed', status: 500, slowdown: 8 },
] as const

/**
 * BANK-001: logins fail for many customers at once (the identity provider or
 * MFA gateway is in trouble). Each customer fails once or twice from their own
 * address; what stands out is the auth service's error rate and latency.
 */
export const loginFailureSpike: Pattern = {
  id: 'login_failure_spike',
  traces: "failed logins across many customers within minutes, each from the customer's usual address; auth-service error_rate and response_time_ms jump",
  plan(ctx) {
    const { rng } = ctx
    const cause = pick(rng, CAUSES)
    const customers = intBetween(rng, 8, 18)
    const duration = intBetween(rng, 60, 180) * 1000
    const rows: Draft[] = []
    for (const time of spread(rng, ctx.start, customers, duration)) {
      const s = customerSession(rng, ctx.population)
      const attempts = chance(rng, 0.45) ? 2 : 1
      for (let a = 0; a < attempts; a++) {
        const t = time + a * intBetween(rng, 8, 30) * 1000
        const ms = latency(rng, 'auth-service', cause.slowdown)
        const cid = uuid(rng)
        const common = { userId: s.customer.id, ip: s.ip, geo: s.geo, correlationId: cid, device: s.device, status: cause.status }
        rows.push(
          planted(makeDraft({ ...common, time: t, service: 'auth-service', kind: 'login', message: `Login failed for ${s.customer.id}: ${cause.reason}`, responseMs: ms, bytes: 400, login: { success: false } }), 0.85),
          planted(makeDraft({ ...common, time: t + ms + 3, service: 'api-gateway', kind: 'http', message: `POST /v1/auth/login ${cause.status} (${Math.round(ms + 3)} ms)`, responseMs: ms + 3, bytes: 350 }), 0.75),
        )
      }
    }
    return rows
  },
}
