import { intBetween, logNormal, pick, uuid } from '../sample.js'
import { latency } from '../traffic/latency.js'
import { makeDraft, planted } from '../traffic/make-draft.js'
import type { Pattern } from './pattern.js'
import { paced } from './helpers.js'

const FIELDS = ['ssn, dob, address', 'account numbers, balances', 'full profile, ID documents', 'phone, email, address']

/**
 * BANK-006: a staff account reads customer records in bulk: hundreds or
 * thousands per request where support work reads one to five.
 */
export const piiAccess: Pattern = {
  id: 'pii_access',
  traces: 'one EMP- account pulls hundreds to thousands of customer records per request (records_accessed, bytes_transferred far above the 1-5 of support work), several times within the hour',
  plan(ctx) {
    const { rng } = ctx
    const insider = pick(rng, ctx.population.employees)
    return paced(rng, ctx.start, intBetween(rng, 5, 11), 15_000, 120_000).map((time, i) => {
      const records = Math.round(logNormal(rng, 900, 0.9)) + 100
      return planted(
        makeDraft({
          time,
          service: 'customer-data-service',
          kind: 'pii',
          message: `Bulk customer query by ${insider.id}: ${records} records (${pick(rng, FIELDS)})`,
          level: i === 0 ? 'INFO' : 'WARN',
          userId: insider.id,
          ip: insider.ip,
          geo: insider.geo,
          correlationId: uuid(rng),
          responseMs: latency(rng, 'customer-data-service', 1 + records / 200),
          bytes: records * logNormal(rng, 2200, 0.2),
          measured: { records_accessed: records },
        }),
        0.9,
      )
    })
  },
}
