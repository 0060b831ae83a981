import type { Actor } from '../abuse/actor.js'
import type { MonitorConfig } from './monitor-config.js'
import type { RegressionDetector } from './regression-detector.js'
import type { RequestEvent } from './request-event.js'

/** Sees a monitor's events after the regression detectors, in the engine's event-time order (entity detection). */
export interface EventObserver {
  /** Each processed event. */
  observe(event: RequestEvent): void
  /** Each minute the watermark closes (event time, minutes since the epoch). */
  closeMinute(minute: number): void
  /** After each slice of work: hand over what it found. */
  flush(): Promise<void>
}

/** One monitor's hooks, from its extension. */
export interface MonitorHooks extends EventObserver {
  /** Sees each decoded event before it is checked: may rewrite it (pseudonyms) and return its actor, or an error text. */
  readonly prepare: (record: Record<string, unknown>) => Actor | string | undefined
  /** A config change that kept the regression state. */
  updateConfig(config: MonitorConfig): void
  /** The monitor's engine stopped (reset, deletion or shutdown). */
  close(): Promise<void>
}

/**
 * What another capability (abuse detection and pseudonymisation, src/abuse/)
 * plugs into every monitor: hooks per monitor engine. Defined here, by its
 * user, so the monitors module does not depend on it.
 */
export interface MonitorExtension {
  /** A monitor's engine starts (at start-up, creation or reset), with the detectors its config names. */
  start(name: string, config: MonitorConfig, detectors: readonly RegressionDetector[]): MonitorHooks
  /** The monitor was deleted: forget its state. */
  removed(name: string): Promise<void>
}
