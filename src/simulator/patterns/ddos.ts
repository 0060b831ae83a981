import { intBetween, logNormal, pick, pickWeighted, uuid } from '../sample.js'
import { makeDraft, planted } from '../traffic/make-draft.js'
import type { Pattern } from './pattern.js'
import { attackerOrigin, spread } from './helpers.js'

const TARGETS = ['POST /v1/auth/login', 'GET /v1/accounts/balance', 'GET /']

/**
 * BANK-013: a botnet floods one endpoint for a few seconds: a handful of
 * addresses each sending many requests; the gateway sheds load with 429 and
 * 503 and slows down under it.
 */
export const ddos: Pattern = {
  id: 'ddos',
  traces: 'a burst of gateway requests to one endpoint within seconds from 4-8 foreign/hosting IPs: requests_per_minute per IP jumps, 429 and 503 answers, response_time_ms climbing, no user_id',
  plan(ctx) {
    const { rng } = ctx
    const bots = Array.from({ length: intBetween(rng, 4, 8) }, () => attackerOrigin(rng))
    const route = pick(rng, TARGETS)
    const times = spread(rng, ctx.start, intBetween(rng, 12, 24), intBetween(rng, 8, 25) * 1000)
    return times.map((time, i) => {
      const pressure = (i + 1) / times.length
      const status = pickWeighted(rng, [429, 503, 200], (s) => (s === 429 ? 5 : s === 503 ? 1 + 4 * pressure : 2))
      const ms = logNormal(rng, 150 + 4000 * pressure, 0.4)
      const bot = pick(rng, bots)
      return planted(
        makeDraft({ time, service: 'api-gateway', kind: 'http', message: `${route} ${status} (${Math.round(ms)} ms)${status === 429 ? ': rate limit exceeded' : status === 503 ? ': service overloaded' : ''}`, userId: null, ...bot, correlationId: uuid(rng), responseMs: ms, bytes: logNormal(rng, 300, 0.3), status }),
        0.5 + 0.45 * pressure,
      )
    })
  },
}
