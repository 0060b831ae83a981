import { chance, intBetween, round } from '../sample.js'
import { transferRows } from '../traffic/payment-requests.js'
import { planted } from '../traffic/make-draft.js'
import { customerSession } from '../traffic/session.js'
import type { Draft } from '../draft.js'
import type { Pattern } from './pattern.js'
import { requestContext } from './helpers.js'

/**
 * BANK-003: transfers far above what the customer usually sends, to a new
 * payee; or several just under the $10,000 reporting threshold
 * (structuring). The fraud engine holds some of them, not all.
 */
export const amountAnomaly: Pattern = {
  id: 'amount_anomaly',
  traces: "1-3 transfers of 15-60x the customer's usual amount to a new payee, or several just under $10,000 (structuring); risk_score rises, though not always past the review line",
  plan(ctx) {
    const { rng } = ctx
    const s = customerSession(rng, ctx.population)
    const rc = requestContext(ctx)
    const structuring = chance(rng, 0.3)
    const count = structuring ? intBetween(rng, 2, 3) : intBetween(rng, 1, 2)
    const rows: Draft[] = []
    for (let i = 0; i < count; i++) {
      const time = ctx.start + i * intBetween(rng, 20, 300) * 1000
      const amount = structuring ? round(9000 + rng.next() * 990, 2) : round(s.customer.typicalAmount * (15 + rng.next() * 45), 2)
      const message = `Transfer completed: $${amount.toFixed(2)} from ${s.customer.id} to new payee PAY-${rng.int(90000) + 10000}`
      const extraRisk = chance(rng, 0.6) ? 0.2 + 0.4 * rng.next() : 0
      for (const d of transferRows(rc, s, time, amount, extraRisk, message)) rows.push(planted(d, d.service === 'api-gateway' ? 0.5 : 0.95))
    }
    return rows
  },
}
