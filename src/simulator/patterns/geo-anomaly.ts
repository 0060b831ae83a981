import { FOREIGN, place } from '../geo.js'
import { residentialIp } from '../network.js'
import { chance, intBetween, logNormal, pick, uuid } from '../sample.js'
import { loginAttempt } from '../traffic/login-requests.js'
import { latency } from '../traffic/latency.js'
import { makeDraft, planted } from '../traffic/make-draft.js'
import type { Draft } from '../draft.js'
import type { Pattern } from './pattern.js'
import { freshDevice, requestContext, spread } from './helpers.js'

/**
 * BANK-005: a surge of traffic from a country the bank has no customers in:
 * several addresses there log in to, or probe, existing accounts.
 */
export const geoAnomaly: Pattern = {
  id: 'geo_anomaly',
  traces: 'a burst of requests from a country with no customers (geo_location rare), spread over several IPs there, against existing user_ids: geo_velocity_kmh jumps, new_device=1, logins mostly fail',
  plan(ctx) {
    const { rng } = ctx
    const geo = pick(rng, FOREIGN)
    const region = place(geo).region
    const ips = Array.from({ length: intBetween(rng, 4, 10) }, () => residentialIp(rng, region))
    const rc = requestContext(ctx)
    const rows: Draft[] = []
    for (const time of spread(rng, ctx.start, intBetween(rng, 7, 16), intBetween(rng, 2, 6) * 60_000)) {
      const customer = ctx.population.customer(rng)
      const session = { customer, ip: pick(rng, ips), geo, device: freshDevice(rng) }
      if (chance(rng, 0.6)) {
        for (const d of loginAttempt(rc, session, time, chance(rng, 0.3))) rows.push(planted(d, 0.8))
      } else {
        const ms = latency(rng, 'api-gateway')
        rows.push(planted(makeDraft({ time, service: 'api-gateway', kind: 'http', message: `GET /v1/accounts/balance 401 (${Math.round(ms)} ms)`, userId: customer.id, ip: session.ip, geo, correlationId: uuid(rng), responseMs: ms, bytes: logNormal(rng, 400, 0.2), status: 401, device: session.device }), 0.75))
      }
    }
    return rows
  },
}
