import { checkPxConfig } from './check-px-config.js'
import type { PxTrafficConfigInput } from './config-schema.js'
import { toEvents } from './encode-events.js'
import { NdjsonEncoder } from './encode-ndjson.js'
import { generateBatches, type BatchOptions } from './generate-batches.js'
import type { AttackLabel, BenignHeavyLabel } from './attack.js'
import type { PxBatch } from './px-batch.js'
import type { PxEvent } from './px-event.js'
import type { RegressionLabel } from './regression.js'
import { resolvePxConfig, type ResolvedPxConfig } from './resolve-px-config.js'
import { trafficModel, type TrafficModel } from './traffic-model.js'

/** Options of the encoded streams. */
export interface EncodeOptions extends BatchOptions {
  /** Add `"regression": id` to the events a regression shaped and `"attack": id` to an attack's (default false: a blind feed for a detector). */
  readonly labels?: boolean | undefined
}

/** Turns batches into what a consumer sends. One per stream: it caches the current second's timestamp text. */
export interface PxEncoder {
  events(batch: PxBatch): PxEvent[]
  ndjson(batch: PxBatch): Buffer
}

/** A configured PX traffic run: its ground truth and its events, generated on demand. */
export interface PxTraffic {
  readonly config: ResolvedPxConfig
  /** One per injected regression, sorted by start; `labels[i]` is regression index i of the batches. */
  readonly labels: readonly RegressionLabel[]
  /** One per attack, sorted by start; `attacks[i]` is attack index i of the batches. */
  readonly attacks: readonly AttackLabel[]
  /** Busy entities that are not attacks (a detector must leave them alone). */
  readonly benign: readonly BenignHeavyLabel[]
  readonly model: TrafficModel
  /** Columnar batches in event-time order (the fastest form: no object per event). */
  batches(options?: BatchOptions): Generator<PxBatch, void, undefined>
  /** Batches as event objects. */
  events(options?: EncodeOptions): Generator<PxEvent[], void, undefined>
  /** Batches as NDJSON bytes. */
  ndjson(options?: EncodeOptions): Generator<Buffer, void, undefined>
  encoder(options?: { labels?: boolean | undefined }): PxEncoder
}

/**
 * Configure a run of simulated PX traffic: checks the config (an
 * InvalidInputError names a bad field), places the regressions and labels
 * them. Nothing is generated until a generator is read; each call to
 * `batches`/`events`/`ndjson` replays the same run from the start.
 *
 * @example
 * const traffic = createPxTraffic({ duration_minutes: 1440, presets: ['003'] })
 * for (const lines of traffic.ndjson()) process.stdout.write(lines)
 */
export function createPxTraffic(input: PxTrafficConfigInput | unknown = {}): PxTraffic {
  checkPxConfig(input)
  const model = trafficModel()
  const config = resolvePxConfig(model, input)
  const labels = config.regressions.map((r) => r.label)
  const encoder = (options: { labels?: boolean | undefined } = {}): PxEncoder => {
    const on = options.labels === true
    const ctx = { model, population: config.population, labels: on ? labels.map((l) => l.id) : undefined, attacks: on ? config.attacks.map((a) => a.id) : undefined }
    const nd = new NdjsonEncoder(ctx)
    return { events: (batch) => toEvents(batch, ctx), ndjson: (batch) => nd.encode(batch) }
  }
  return {
    config,
    labels,
    attacks: config.attacks,
    benign: config.benign,
    model,
    batches: (options = {}) => generateBatches(model, config, options),
    *events(options = {}) {
      const e = encoder(options)
      for (const batch of generateBatches(model, config, options)) yield e.events(batch)
    },
    *ndjson(options = {}) {
      const e = encoder(options)
      for (const batch of generateBatches(model, config, options)) yield e.ndjson(batch)
    },
    encoder,
  }
}
