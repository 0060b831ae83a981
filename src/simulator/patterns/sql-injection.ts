import { chance, intBetween, logNormal, pick, uuid } from '../sample.js'
import { internalIp } from '../network.js'
import { latency } from '../traffic/latency.js'
import { makeDraft, planted } from '../traffic/make-draft.js'
import type { Draft } from '../draft.js'
import type { Pattern } from './pattern.js'
import { attackerOrigin, paced } from './helpers.js'

const PAYLOADS = [
  { q: "id=1' OR '1'='1", status: 403, slow: false },
  { q: "id=1 UNION SELECT username, password FROM users--", status: 403, slow: false },
  { q: "id=1'; SELECT pg_sleep(5)--", status: 500, slow: true },
  { q: "id=1 AND 1=CAST((SELECT version()) AS int)", status: 500, slow: false },
  { q: "sort=name;DROP TABLE accounts--", status: 400, slow: false },
] as const

/**
 * BANK-014: a scanner walks injection payloads through query parameters:
 * the WAF blocks some (403), others reach the database and fail there, and
 * time-based probes hang for the injected sleep.
 */
export const sqlInjection: Pattern = {
  id: 'sql_injection',
  traces: 'one hosting-range IP sends injection payloads (visible in message): 400/403/500 answers, time-based probes with response_time_ms of 5 s or more, database-service ERROR rows with SQL syntax errors',
  plan(ctx) {
    const { rng } = ctx
    const origin = attackerOrigin(rng)
    const rows: Draft[] = []
    for (const time of paced(rng, ctx.start, intBetween(rng, 6, 13), 3000, 20_000)) {
      const p = pick(rng, PAYLOADS)
      const cid = uuid(rng)
      const ms = p.slow ? 5000 + logNormal(rng, 40, 0.5) : latency(rng, 'api-gateway')
      const route = `GET /v1/accounts/search?${p.q}`
      rows.push(planted(makeDraft({ time, service: 'api-gateway', kind: 'http', message: `${route} ${p.status} (${Math.round(ms)} ms)${p.status === 403 ? ': blocked by WAF rule 942100' : ''}`, userId: null, ...origin, correlationId: cid, responseMs: ms, bytes: logNormal(rng, 400, 0.3), status: p.status }), 0.9))
      if (p.status === 500 && chance(rng, 0.8)) {
        rows.push(planted(makeDraft({ time: time + 2, service: 'database-service', kind: 'query', message: `ERROR: syntax error at or near "'" in query from account-service (${p.q.slice(0, 30)}…)`, level: 'ERROR', userId: null, ip: internalIp(rng, 2), geo: 'US-NJ', correlationId: cid, responseMs: p.slow ? 5000 : logNormal(rng, 3, 0.4), bytes: 0, status: 500 }), 0.95))
      }
    }
    return rows
  },
}
