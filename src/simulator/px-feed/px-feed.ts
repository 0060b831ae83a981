import type { AttackLabel, BenignHeavyLabel } from '../px/attack.js'
import type { RegressionLabel } from '../px/regression.js'

/** Where a feed is: running until the run ends, it is stopped, or the monitor refuses it. */
export type PxFeedState = 'running' | 'finished' | 'stopped' | 'failed'

/** A run of simulated PX traffic streamed into a monitor, as the API shows it. */
export interface PxFeedView {
  readonly id: string
  readonly monitor: string
  readonly state: PxFeedState
  /** Event-time seconds per wall-clock second; null = as fast as the monitor takes them. */
  readonly speed: number | null
  readonly started_at: string
  readonly finished_at: string | null
  /** Event time of the run: [start, end). */
  readonly event_start: string
  readonly event_end: string
  /** Event time of the last event sent. */
  readonly event_time: string | null
  readonly events_sent: number
  /** Times the monitor's queue was full and the feed waited (429 honoured). */
  readonly waits: number
  readonly error: string | null
  /** Ground truth: the regressions injected, to compare with GET /incidents?monitor=… */
  readonly regressions: RegressionLabel[]
  /** Ground truth: the attacks mixed in (003 §2). */
  readonly attacks: AttackLabel[]
  /** Busy entities that are not attacks: a detector must not flag them. */
  readonly benign_heavy: BenignHeavyLabel[]
}
