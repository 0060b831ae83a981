import { clamp, intBetween, logNormal, normal, pick, uuid } from '../sample.js'
import { MONITOR_HOSTS } from '../traffic/monitors.js'
import { makeDraft, planted } from '../traffic/make-draft.js'
import { customerSession } from '../traffic/session.js'
import type { Draft } from '../draft.js'
import type { Pattern } from './pattern.js'
import { spread } from './helpers.js'

const POOL_SIZE = 100
const ACQUIRE_TIMEOUT_MS = 5000
const CALLERS = ['transaction-service', 'account-service', 'payment-service', 'customer-data-service'] as const

/**
 * BANK-010: the connection pool runs dry (a leak, a long lock): services
 * wait five seconds for a connection and give up, and the database's own
 * health line shows the pool full.
 */
export const dbConnectionErrors: Pattern = {
  id: 'db_connection_errors',
  traces: 'services log 503 "cannot acquire database connection" after waiting about 5 s, while database-service health lines show db_connections at 100/100 and high cpu_percent; error_rate of several services rises together',
  plan(ctx) {
    const { rng } = ctx
    const duration = intBetween(rng, 60, 240) * 1000
    const rows: Draft[] = []
    const ticks = ctx.monitors.claim('database', ctx.start, intBetween(rng, 1, 3))
    for (const time of ticks) {
      const waiting = intBetween(rng, 10, 80)
      rows.push(planted(makeDraft({ time, service: 'database-service', kind: 'db_health', message: `Health: connection pool exhausted (${POOL_SIZE}/${POOL_SIZE}), ${waiting} clients waiting`, level: 'ERROR', userId: null, ...MONITOR_HOSTS.database, correlationId: uuid(rng), responseMs: logNormal(rng, 900, 0.5), bytes: 0, status: 503, measured: { db_connections: POOL_SIZE, replication_lag_ms: Math.round(logNormal(rng, 60, 0.5)), cpu_percent: Math.round(clamp(normal(rng, 92, 4), 80, 100)) } }), 0.95))
    }
    for (const time of spread(rng, ctx.start, intBetween(rng, 7, 16), duration)) {
      const s = customerSession(rng, ctx.population)
      const service = pick(rng, CALLERS)
      const ms = ACQUIRE_TIMEOUT_MS + Math.abs(normal(rng, 0, 30))
      rows.push(planted(makeDraft({ time: time + ms, service, kind: 'http', message: `Cannot acquire database connection within ${ACQUIRE_TIMEOUT_MS} ms (pool exhausted)`, userId: s.customer.id, ip: s.ip, geo: s.geo, correlationId: uuid(rng), responseMs: ms, bytes: 0, status: 503, device: s.device }), 0.9))
    }
    return rows
  },
}
