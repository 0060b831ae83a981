import { VPN_EXITS } from '../geo.js'
import { hostingIp } from '../network.js'
import { chance, intBetween, pick } from '../sample.js'
import { balanceRows } from '../traffic/account-requests.js'
import { loginAttempt } from '../traffic/login-requests.js'
import { planted } from '../traffic/make-draft.js'
import type { Draft } from '../draft.js'
import type { Pattern } from './pattern.js'
import { paced, requestContext } from './helpers.js'

/**
 * BANK-008: an account used through anonymising VPN exits that change
 * country between requests, minutes apart.
 */
export const vpnAnomaly: Pattern = {
  id: 'vpn_anomaly',
  traces: "one user_id hopping between VPN exit countries and hosting-range IPs within minutes: geo_location away from the customer's home, geo_velocity_kmh in the thousands, sometimes new_device=1",
  plan(ctx) {
    const { rng } = ctx
    const customer = ctx.population.customer(rng)
    const device = chance(rng, 0.5) ? pick(rng, customer.devices) : `dev-${rng.int(0x1000000).toString(16).padStart(6, '0')}`
    const rc = requestContext(ctx)
    const rows: Draft[] = []
    let previous = ''
    for (const time of paced(rng, ctx.start, intBetween(rng, 2, 5), 30_000, 150_000)) {
      let geo = pick(rng, VPN_EXITS)
      if (geo === previous) geo = pick(rng, VPN_EXITS)
      previous = geo
      const session = { customer, ip: hostingIp(rng), geo, device }
      const drafts = chance(rng, 0.5) ? loginAttempt(rc, session, time, true) : balanceRows(rc, session, time)
      for (const d of drafts) rows.push(planted(d, 0.7))
    }
    return rows
  },
}
