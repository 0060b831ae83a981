import { intBetween, logNormal, round, uuid } from '../sample.js'
import { loginAttempt } from '../traffic/login-requests.js'
import { transferRows } from '../traffic/payment-requests.js'
import { latency } from '../traffic/latency.js'
import { makeDraft, planted } from '../traffic/make-draft.js'
import { customerSession } from '../traffic/session.js'
import type { Draft } from '../draft.js'
import type { Pattern } from './pattern.js'
import { attackerOrigin, freshDevice, requestContext } from './helpers.js'

/**
 * BANK-007: the customer logs in as usual; minutes later their session token
 * is used from another continent on a device never seen, to change the
 * contact email, add a payee and move money.
 */
export const sessionHijack: Pattern = {
  id: 'session_hijack',
  traces: "the customer's ordinary login (not labelled), then within minutes the same user_id from far away on a new device: impossible geo_velocity_kmh, new_device=1, an email change, a new payee and a transfer several times the usual amount",
  plan(ctx) {
    const { rng } = ctx
    const victim = customerSession(rng, ctx.population)
    const rc = requestContext(ctx)
    const genuine = loginAttempt(rc, victim, ctx.start, true)
    const thief = { customer: victim.customer, ...attackerOrigin(rng), device: freshDevice(rng) }
    let t = ctx.start + intBetween(rng, 60, 360) * 1000
    const row = (message: string, service: 'auth-service' | 'account-service', level: 'INFO' | 'WARN' = 'INFO'): Draft => {
      const d = makeDraft({ time: t, service, kind: 'account', message, level, userId: thief.customer.id, ip: thief.ip, geo: thief.geo, correlationId: uuid(rng), responseMs: latency(rng, service), bytes: logNormal(rng, 1200, 0.3), device: thief.device })
      t += intBetween(rng, 10, 45) * 1000
      return d
    }
    const rows: Draft[] = [
      planted(row(`Session token reused for ${victim.customer.id} from a new device`, 'auth-service', 'WARN'), 0.9),
      planted(row(`Contact email changed for ${victim.customer.id}`, 'account-service'), 0.85),
      planted(row(`New payee added for ${victim.customer.id}: PAY-${rng.int(90000) + 10000}`, 'account-service'), 0.85),
    ]
    const amount = round(victim.customer.typicalAmount * (3 + 7 * rng.next()), 2)
    for (const d of transferRows(rc, thief, t, amount, 0.15)) rows.push(planted(d, 0.9))
    return [...genuine, ...rows]
  },
}
