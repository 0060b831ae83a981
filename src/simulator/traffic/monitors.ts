import type { Rng } from '../../math/random.js'
import type { Draft } from '../draft.js'
import { clamp, logNormal, normal, round, uuid } from '../sample.js'
import { makeDraft } from './make-draft.js'

export type MonitorName = 'database' | 'cache'

export const MONITOR_NAMES: readonly MonitorName[] = ['database', 'cache']

/** Share of all rows each host monitor writes (its period follows logs_per_second). */
export const MONITOR_SHARE = 0.01

/** Host of each monitor: fixed, as a real metrics agent's. */
export const MONITOR_HOSTS: Record<MonitorName, { readonly ip: string; readonly geo: string }> = {
  database: { ip: '10.2.0.11', geo: 'US-NJ' },
  cache: { ip: '10.3.0.21', geo: 'US-NJ' },
}

/** Healthy values of the database health line, given the traffic level (1 = average). */
export function databaseHealth(rng: Rng, time: number, load: number): Draft {
  const pool = Math.round(clamp(normal(rng, 12 + 22 * load, 4), 3, 95))
  const lag = round(logNormal(rng, 45, 0.5), 1)
  return makeDraft({
    time,
    service: 'database-service',
    kind: 'db_health',
    message: `Health: replica lag ${Math.round(lag)} ms, pool ${pool}/100 connections`,
    userId: null,
    ...MONITOR_HOSTS.database,
    correlationId: uuid(rng),
    responseMs: logNormal(rng, 2, 0.3),
    bytes: 0,
    measured: { db_connections: pool, replication_lag_ms: lag, cpu_percent: Math.round(clamp(normal(rng, 18 + 20 * load, 5), 2, 99)) },
  })
}

/** Healthy values of the cache statistics line. */
export function cacheStats(rng: Rng, time: number, load: number): Draft {
  const hit = round(clamp(normal(rng, 0.955, 0.012), 0.85, 0.995), 4)
  return makeDraft({
    time,
    service: 'cache-service',
    kind: 'cache_stats',
    message: `Cache stats: hit rate ${(hit * 100).toFixed(1)}%, ${(1.1 + 0.2 * load).toFixed(2)}M keys`,
    userId: null,
    ...MONITOR_HOSTS.cache,
    correlationId: uuid(rng),
    responseMs: logNormal(rng, 1.1, 0.3),
    bytes: 0,
    measured: { cache_hit_rate: hit, cpu_percent: Math.round(clamp(normal(rng, 10 + 12 * load, 3), 1, 99)) },
  })
}

/**
 * When each monitor writes, and which of its lines an incident has taken
 * over (a replication-lag incident writes the health lines of its window,
 * with the lag drifting, instead of the healthy ones).
 */
export class MonitorClock {
  private readonly claimed = new Map<MonitorName, Set<number>>(MONITOR_NAMES.map((m) => [m, new Set<number>()]))
  private readonly claimedUntil = new Map<MonitorName, number>()

  /** @param periodMs time between two lines of one monitor */
  constructor(
    readonly origin: number,
    readonly periodMs: number,
  ) {}

  /** Time of tick `k` of `monitor` (the two monitors are offset by half a period). */
  tickTime(monitor: MonitorName, k: number): number {
    return Math.round(this.origin + (k + (monitor === 'database' ? 0.3 : 0.8)) * this.periodMs)
  }

  /** Reserve `count` consecutive ticks at or after `time` (after any earlier claim); returns their times. */
  claim(monitor: MonitorName, time: number, count: number): number[] {
    let first = Math.max(0, Math.ceil((time - this.origin) / this.periodMs - (monitor === 'database' ? 0.3 : 0.8)))
    first = Math.max(first, (this.claimedUntil.get(monitor) ?? -1) + 1)
    const set = this.claimed.get(monitor) as Set<number>
    const times: number[] = []
    for (let k = first; k < first + count; k++) {
      set.add(k)
      times.push(this.tickTime(monitor, k))
    }
    this.claimedUntil.set(monitor, first + count - 1)
    return times
  }

  /** Whether an incident writes tick `k` (each tick is asked once, so the mark is dropped). */
  takeClaim(monitor: MonitorName, k: number): boolean {
    return (this.claimed.get(monitor) as Set<number>).delete(k)
  }
}
