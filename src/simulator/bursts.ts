import type { Rng } from '../math/random.js'
import { exponential } from './sample.js'

export interface BurstSettings {
  readonly enabled: boolean
  /** Mean time between bursts. */
  readonly intervalMinutes: number
  /** Mean burst length. */
  readonly durationSeconds: number
  /** Traffic multiplier during a burst. */
  readonly multiplier: number
}

interface Burst {
  readonly start: number
  readonly end: number
}

/**
 * 004's burst simulation: benign traffic spikes (a push notification, a
 * payday morning) at random intervals. They raise the volume from ordinary
 * customers, which is exactly what a DDoS does not look like.
 */
export class BurstSchedule {
  private readonly bursts: Burst[] = []
  private horizon: number

  constructor(
    private readonly settings: BurstSettings,
    private readonly rng: Rng,
    from: number,
  ) {
    this.horizon = from
  }

  /** The traffic multiplier at `time` (any time after the origin, in any order). */
  factor(time: number): number {
    if (!this.settings.enabled) return 1
    while (this.horizon <= time) {
      const start = this.horizon + exponential(this.rng, 1 / (this.settings.intervalMinutes * 60_000))
      const end = start + this.settings.durationSeconds * 1000 * (0.5 + this.rng.next())
      this.bursts.push({ start, end })
      this.horizon = end
    }
    for (const b of this.bursts) if (time >= b.start && time < b.end) return this.settings.multiplier
    return 1
  }

  /** Drop bursts that ended before `time` (a live stream runs for days). */
  forget(time: number): void {
    while (this.bursts.length > 0 && (this.bursts[0] as Burst).end < time) this.bursts.shift()
  }
}
