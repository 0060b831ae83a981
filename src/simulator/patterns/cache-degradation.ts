import { clamp, intBetween, logNormal, normal, round, uuid } from '../sample.js'
import { MONITOR_HOSTS } from '../traffic/monitors.js'
import { makeDraft, planted } from '../traffic/make-draft.js'
import type { Pattern } from './pattern.js'

const HEALTHY_HIT_RATE = 0.955

/**
 * BANK-011: the cache's hit rate drifts down over minutes (a bad key
 * change, memory pressure evicting hot keys) and partly recovers: the early
 * lines are hard to tell from noise, the deep ones are not.
 */
export const cacheDegradation: Pattern = {
  id: 'cache_degradation',
  traces: 'cache-service stats lines over several minutes: cache_hit_rate drifts from ~0.95 down to 0.35-0.65 then partly recovers, response_time_ms and cpu_percent creep up with it',
  plan(ctx) {
    const { rng } = ctx
    const ticks = ctx.monitors.claim('cache', ctx.start, intBetween(rng, 15, 28))
    const floor = 0.35 + 0.3 * rng.next()
    const drop = HEALTHY_HIT_RATE - floor
    return ticks.map((time, i) => {
      const progress = i / Math.max(1, ticks.length - 1)
      // down over the first 80% of the window, a partial recovery after
      const depth = progress <= 0.8 ? progress / 0.8 : 1 - ((progress - 0.8) / 0.2) * 0.4
      const hit = round(clamp(HEALTHY_HIT_RATE - drop * depth + normal(rng, 0, 0.01), 0.05, 0.995), 4)
      const slowdown = 1 + 6 * depth
      return planted(
        makeDraft({
          time,
          service: 'cache-service',
          kind: 'cache_stats',
          message: `Cache stats: hit rate ${(hit * 100).toFixed(1)}%, evictions ${Math.round(200 + 5000 * depth)}/s`,
          level: hit < 0.8 ? 'WARN' : 'INFO',
          userId: null,
          ...MONITOR_HOSTS.cache,
          correlationId: uuid(rng),
          responseMs: logNormal(rng, 1.1 * slowdown, 0.3),
          bytes: 0,
          measured: { cache_hit_rate: hit, cpu_percent: Math.round(clamp(normal(rng, 22 + 40 * depth, 4), 1, 100)) },
        }),
        0.15 + 0.8 * depth,
      )
    })
  },
}
