import { PxEventSource } from './event-source.js'
import { allocateBatch, trimBatch, type PxBatch } from './px-batch.js'
import type { ResolvedPxConfig } from './resolve-px-config.js'
import type { TrafficModel } from './traffic-model.js'

/** How the stream is cut into batches. */
export interface BatchOptions {
  /** At most this many events per batch (default 16384). */
  readonly maxEvents?: number | undefined
  /** A batch spans less than this much event time (ms; default no limit): small for real-time pacing. */
  readonly maxSpanMs?: number | undefined
}

export const DEFAULT_BATCH_EVENTS = 16_384

/**
 * The simulated requests of a run in event-time order, as columnar batches
 * (fresh arrays each, so a consumer may keep them). See {@link PxEventSource}.
 */
export function* generateBatches(model: TrafficModel, config: ResolvedPxConfig, options: BatchOptions = {}): Generator<PxBatch, void, undefined> {
  const capacity = Math.max(1, Math.floor(options.maxEvents ?? DEFAULT_BATCH_EVENTS))
  const source = new PxEventSource(model, config)
  for (;;) {
    const batch = allocateBatch(capacity)
    const n = source.fill(batch, options.maxSpanMs)
    if (n === 0) return
    yield trimBatch(batch, n)
  }
}
