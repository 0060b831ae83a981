/**
 * Entity state when every one of the simulator's users and addresses has
 * been seen (1.2 million entities at the defaults): a simulated day at a
 * bench-sized rate sees only part of the population, so the engine is also
 * fed each entity once directly, as bench/abuse-state does.
 */
import { AbuseEngine, type AbuseStatus } from '../../src/abuse/abuse-engine.js'
import { BUILT_IN_ENTITY_DETECTORS } from '../../src/abuse/built-in-detectors.js'
import { checkMonitorConfig } from '../../src/monitors/check-monitor-config.js'
import { createDetectorRegistry } from '../../src/monitors/detector-registry.js'
import type { RequestEvent } from '../../src/monitors/request-event.js'
import { Pseudonymiser } from '../../src/privacy/pseudonymiser.js'
import type { Population } from '../../src/simulator/px/index.js'
import { BENCH_KEY } from './replay-abuse.js'

export interface FullPopulationState {
  readonly users: number
  readonly ips: number
  readonly status: AbuseStatus
  /** One population scan (a closed minute) over the full tables. */
  readonly scanMs: number
}

const quiet = { warn: () => undefined, error: (o: object, m: string) => console.error(m, o) }

export function fullPopulationState(population: Population, start: number): FullPopulationState {
  const config = checkMonitorConfig({}, createDetectorRegistry())
  const sink = { report: async () => undefined, observe: () => [] }
  const engine = new AbuseEngine({ name: 'bench', config, detectors: BUILT_IN_ENTITY_DETECTORS, sink, log: quiet })
  // a small cache: every value is new, so caching would only cost memory
  const p = new Pseudonymiser(Buffer.from(BENCH_KEY), 1000)
  const total = Math.max(population.users, population.ips)
  for (let i = 0; i < total; i++) {
    const user = p.of(population.userId(i % population.users))
    const ip = p.of(population.ip(i % population.ips))
    const event: RequestEvent = { time: start + Math.floor((i / total) * 86_400_000), leaf: '', status: 200, latency: 100, actor: { user, ip, cardHolder: undefined, card: undefined, flags: 0 } }
    engine.observe(event)
  }
  const t0 = performance.now()
  engine.closeMinute(Math.floor((start + 86_400_000) / 60_000))
  return { users: population.users, ips: population.ips, status: engine.status(), scanMs: performance.now() - t0 }
}
