/** The simulated traffic of `npm run bench:abuse`: 003 §2's attacks, K entities per type, and the benign heavy users. */
import { createPxTraffic, type PxTraffic } from '../../src/simulator/px/index.js'
import type { AbuseBenchShape } from './abuse-options.js'

export function abuseBenchTraffic(shape: AbuseBenchShape): PxTraffic {
  return createPxTraffic({
    seed: shape.seed,
    duration_minutes: Math.round(shape.days * 1440),
    rate_per_second: shape.ratePerSecond,
    users: shape.users,
    ips: shape.ips,
    // the preset's attacks at their default rates and lengths, with K entities per type instead of 3/2/2
    presets: ['003-abuse'],
    attacks: {
      card_testing: { count: shape.perType },
      ddos: { count: shape.perType },
      fuzzing: { count: shape.perType },
    },
    // two of each kind in the full run (more chances to be wrong about an honest heavy user); the smoke run keeps the default one each
    benign_heavy: shape.quick ? {} : { batch_jobs: 2, corporate_ips: 2 },
  })
}
