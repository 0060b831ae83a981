import { chance, intBetween } from '../sample.js'
import { loginAttempt } from '../traffic/login-requests.js'
import { planted } from '../traffic/make-draft.js'
import type { Customer } from '../population.js'
import type { Draft } from '../draft.js'
import type { Pattern } from './pattern.js'
import { attackerOrigin, freshDevice, paced, ramp, requestContext } from './helpers.js'

/**
 * BANK-004: a leaked list of user names and passwords replayed from one
 * address: one attempt per account, many accounts, a few that work.
 */
export const credentialStuffing: Pattern = {
  id: 'credential_stuffing',
  traces: 'one IP (hosting range) tries many user_ids once each within a minute or two: unique_users and requests_per_minute climb for that IP, new_device=1, most attempts fail, a few succeed',
  plan(ctx) {
    const { rng } = ctx
    const origin = attackerOrigin(rng)
    const device = freshDevice(rng)
    const accounts = intBetween(rng, 14, 30)
    const rc = requestContext(ctx)
    const rows: Draft[] = []
    paced(rng, ctx.start, accounts, 1000, 5000).forEach((time, i) => {
      // some names on the list are not customers of this bank
      const customer: Customer = chance(rng, 0.2)
        ? { id: `USR-${900000 + rng.int(99999)}`, home: origin.geo, away: null, ips: [], devices: [], cards: [], typicalAmount: 0 }
        : ctx.population.customer(rng)
      const success = customer.devices.length > 0 && chance(rng, 0.05)
      for (const d of loginAttempt(rc, { customer, ...origin, device }, time, success)) rows.push(planted(d, ramp(i, 0.4, 0.05)))
    })
    return rows
  },
}
