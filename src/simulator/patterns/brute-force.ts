import { chance, intBetween } from '../sample.js'
import { latency } from '../traffic/latency.js'
import { loginAttempt } from '../traffic/login-requests.js'
import { makeDraft, planted } from '../traffic/make-draft.js'
import type { Draft } from '../draft.js'
import type { Pattern } from './pattern.js'
import { attackerOrigin, freshDevice, paced, ramp, requestContext } from './helpers.js'

/**
 * BANK-002: one account, password after password, from one to three
 * addresses abroad or in hosting ranges. Ends in a lockout, a takeover, or
 * the attacker giving up.
 */
export const bruteForce: Pattern = {
  id: 'brute_force',
  traces: 'many failed logins for one user_id from 1-3 foreign or hosting IPs: failed_attempts climbs, success_rate falls to 0, unique_ips 1-3; often an account lockout (423), sometimes a final success',
  plan(ctx) {
    const { rng } = ctx
    const victim = ctx.population.customer(rng)
    const origins = Array.from({ length: intBetween(rng, 1, 3) }, () => ({ ...attackerOrigin(rng), device: freshDevice(rng) }))
    const attempts = intBetween(rng, 14, 30)
    const times = paced(rng, ctx.start, attempts, 2000, 12_000)
    const rc = requestContext(ctx)
    const rows: Draft[] = []
    times.forEach((time, i) => {
      const o = origins[i % origins.length] as (typeof origins)[number]
      const session = { customer: victim, ...o }
      for (const d of loginAttempt(rc, session, time, false)) rows.push(planted(d, ramp(i, 0.35, 0.06)))
    })
    const last = (times[times.length - 1] as number) + intBetween(rng, 2, 10) * 1000
    const o = origins[0] as (typeof origins)[number]
    const end = rng.next()
    if (end < 0.55) {
      rows.push(planted(makeDraft({ time: last, service: 'auth-service', kind: 'account', message: `Account ${victim.id} locked after ${attempts} failed login attempts`, userId: victim.id, ip: o.ip, geo: o.geo, correlationId: rows[rows.length - 1]?.correlationId ?? '', responseMs: latency(rng, 'auth-service'), bytes: 300, status: 423, level: 'ERROR' }), 0.99))
    } else if (end < 0.7) {
      // the password was found: a takeover, whose login looks like any other
      for (const d of loginAttempt(rc, { customer: victim, ...o }, last, true)) rows.push(planted(d, 0.9))
    } else if (chance(rng, 0.5)) {
      rows.push(planted(makeDraft({ time: last, service: 'fraud-detection-service', kind: 'http', message: `Alert: repeated login failures for ${victim.id} from ${o.ip}`, userId: victim.id, ip: o.ip, geo: o.geo, correlationId: rows[rows.length - 1]?.correlationId ?? '', responseMs: latency(rng, 'fraud-detection-service'), bytes: 500, level: 'WARN' }), 0.95))
    }
    return rows
  },
}
