import type { Rng } from '../../math/random.js'
import type { Draft } from '../draft.js'
import type { Population } from '../population.js'
import type { ResolvedScenario } from '../resolve-config.js'
import type { MonitorClock } from '../traffic/monitors.js'
import type { PatternId } from './pattern-ids.js'

/** What an incident is planned with. */
export interface IncidentContext {
  /** The incident's own random stream (derived from the seed and the incident number). */
  readonly rng: Rng
  /** When it begins (epoch ms). */
  readonly start: number
  readonly population: Population
  /** The host monitors, whose lines drift-type incidents take over. */
  readonly monitors: MonitorClock
  /** Traffic level at a time (1 = weekly average), which host metrics follow. */
  readonly load: (time: number) => number
  readonly scenario: ResolvedScenario
}

/**
 * An incident behaviour: the rows one occurrence writes. Rows it plants are
 * marked with `anomaly`; rows without the mark are ordinary context (the
 * victim's own login before a session is hijacked) and count as normal.
 */
export interface Pattern {
  readonly id: PatternId
  /** The traces the incident leaves in the logs, in one sentence. */
  readonly traces: string
  plan(ctx: IncidentContext): Draft[]
}
