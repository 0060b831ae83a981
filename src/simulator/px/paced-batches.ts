import { setImmediate as immediate, setTimeout as sleep } from 'node:timers/promises'
import type { BatchOptions } from './generate-batches.js'
import type { PxBatch } from './px-batch.js'
import type { PxTraffic } from './create-px-traffic.js'

/** How fast event time runs against the wall clock. */
export interface PaceOptions extends BatchOptions {
  /**
   * Event-time seconds per wall-clock second: 1 = real time, 60 = a
   * simulated minute each second; undefined or Infinity = as fast as
   * possible (still yielding to the event loop between batches).
   */
  readonly speed?: number | undefined
  /** Stops the stream (the generator returns) when aborted. */
  readonly signal?: AbortSignal | undefined
  /** Wall clock in ms (default performance.now); injectable for tests. */
  readonly now?: (() => number) | undefined
  /** Waits ms (default timers' setTimeout); injectable for tests. */
  readonly wait?: ((ms: number) => Promise<void>) | undefined
}

/** When paced, a batch spans at most this much wall time, so requests arrive smoothly. */
const PACED_BATCH_WALL_MS = 250

/**
 * The run's batches for an async consumer (an HTTP route feeding a monitor):
 * each batch is handed over once the wall clock has reached its last event
 * (scaled by `speed`), or at once when unpaced. Returns early when `signal`
 * aborts.
 */
export async function* pacedBatches(traffic: PxTraffic, options: PaceOptions = {}): AsyncGenerator<PxBatch, void, undefined> {
  const speed = options.speed ?? Infinity
  if (!(speed > 0)) throw new RangeError(`pacedBatches: speed must be > 0; got ${speed}`)
  const paced = Number.isFinite(speed)
  const now = options.now ?? (() => performance.now())
  const wait = options.wait ?? ((ms: number) => sleep(ms).then(() => undefined))
  const maxSpanMs = options.maxSpanMs ?? (paced ? PACED_BATCH_WALL_MS * speed : undefined)
  const eventStart = traffic.config.timeline.startMs
  const wallStart = now()
  for (const batch of traffic.batches({ maxEvents: options.maxEvents, maxSpanMs })) {
    if (options.signal?.aborted) return
    if (paced) {
      const due = wallStart + (batch.time[batch.length - 1]! - eventStart) / speed
      const ahead = due - now()
      if (ahead > 0) await wait(ahead)
    } else {
      await immediate()
    }
    if (options.signal?.aborted) return
    yield batch
  }
}
