import { chance, intBetween, logNormal, round, uuid } from '../sample.js'
import { latency } from '../traffic/latency.js'
import { makeDraft, planted } from '../traffic/make-draft.js'
import type { Pattern } from './pattern.js'
import { attackerOrigin, paced, ramp } from './helpers.js'

/**
 * Card testing (not one of 004's 16; add it with a config entry using
 * `"pattern": "card_testing"`): stolen card numbers checked with tiny
 * authorisations from one address, most of them declined.
 */
export const cardTesting: Pattern = {
  id: 'card_testing',
  traces: 'one IP (and often one user_id) authorises many distinct cards for $0.50-$5 within minutes: distinct_cards and decline_rate climb for that IP, status 402 on most',
  plan(ctx) {
    const { rng } = ctx
    const origin = attackerOrigin(rng)
    const userId = chance(rng, 0.6) ? ctx.population.customer(rng).id : null
    return paced(rng, ctx.start, intBetween(rng, 12, 30), 2000, 10_000).map((time, i) => {
      const card = `card-${rng.int(0x10000).toString(16).padStart(4, '0')}`
      const declined = chance(rng, 0.85)
      const amount = round(0.5 + 4.5 * rng.next(), 2)
      return planted(
        makeDraft({
          time,
          service: 'payment-service',
          kind: 'card',
          message: declined ? `Card authorization declined: $${amount.toFixed(2)} on ${card} (${chance(rng, 0.5) ? 'invalid CVV' : 'card number not recognised'})` : `Card authorization approved: $${amount.toFixed(2)} on ${card}`,
          userId,
          ...origin,
          correlationId: uuid(rng),
          responseMs: latency(rng, 'payment-service'),
          bytes: logNormal(rng, 1100, 0.2),
          status: declined ? 402 : 200,
          measured: { amount },
          card: { token: card, declined },
        }),
        ramp(i, 0.3, 0.06),
      )
    })
  },
}
