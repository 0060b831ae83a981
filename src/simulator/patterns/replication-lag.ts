import { clamp, intBetween, logNormal, normal, round, uuid } from '../sample.js'
import { MONITOR_HOSTS } from '../traffic/monitors.js'
import { makeDraft, planted } from '../traffic/make-draft.js'
import type { Pattern } from './pattern.js'

const HEALTHY_LAG_MS = 45

/**
 * BANK-012: the read replica falls behind (a long transaction, a saturated
 * link): its lag grows exponentially over minutes, from tens of
 * milliseconds to tens of seconds.
 */
export const replicationLag: Pattern = {
  id: 'replication_lag',
  traces: 'database-service health lines over several minutes: replication_lag_ms grows from ~50 ms to 5-60 s (exponentially, so the first lines look healthy), WARN then ERROR as it passes 1 s and 10 s',
  plan(ctx) {
    const { rng } = ctx
    const ticks = ctx.monitors.claim('database', ctx.start, intBetween(rng, 15, 28))
    const peak = 5000 + 55_000 * rng.next()
    return ticks.map((time, i) => {
      const progress = (i + 1) / ticks.length
      const lag = round(HEALTHY_LAG_MS * (peak / HEALTHY_LAG_MS) ** progress * Math.exp(normal(rng, 0, 0.08)), 1)
      const load = ctx.load(time)
      const pool = Math.round(clamp(normal(rng, 12 + 22 * load, 4), 3, 95))
      return planted(
        makeDraft({
          time,
          service: 'database-service',
          kind: 'db_health',
          message: `Health: replica lag ${Math.round(lag)} ms, pool ${pool}/100 connections`,
          level: lag > 10_000 ? 'ERROR' : lag > 1000 ? 'WARN' : 'INFO',
          userId: null,
          ...MONITOR_HOSTS.database,
          correlationId: uuid(rng),
          responseMs: logNormal(rng, 2, 0.3),
          bytes: 0,
          measured: { db_connections: pool, replication_lag_ms: lag, cpu_percent: Math.round(clamp(normal(rng, 25 + 20 * load, 5), 2, 99)) },
        }),
        clamp(Math.log(lag / HEALTHY_LAG_MS) / Math.log(peak / HEALTHY_LAG_MS), 0.05, 0.99),
      )
    })
  },
}
