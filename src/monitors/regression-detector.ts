import type { EntityDetector } from '../abuse/entity-detector.js'
import type { RequestEvent } from './request-event.js'

/**
 * A regression type, as a plugin. Two kinds share the engine's per-combination
 * aggregates and statistics:
 *
 * - `rate`: each request is a trial that may be an event (a 5xx, a 4xx, a
 *   request slower than the monitor's baseline p90). The engine runs a bank of
 *   Bernoulli CUSUMs per combination on the share of events against that
 *   combination's baseline share. A new rate detector is this object and
 *   nothing else: `classify` decides what counts.
 * - `count`: the number of requests per minute against what the combination's
 *   share of all traffic predicts (traffic drops and spikes).
 *
 * A third kind, `entity` (src/abuse/), follows users, IPs and card holders
 * instead of combinations (card testing, DDoS, fuzzing); the abuse engine runs it.
 *
 * Register one with `createMonitors({ detectors: [...] })` or
 * `registry.register()`; a monitor runs it once its config lists its name.
 */
export type RegressionDetector = RateDetector | CountDetector | EntityDetector

/** What a rate detector learns about the monitor before it can classify (e.g. the latency threshold). */
export interface RateContext {
  /** The monitor's baseline 90th percentile of latency in ms, NaN until learned. */
  readonly latencyP90: number
}

export interface RateDetector {
  readonly kind: 'rate'
  /** Registry name, also the incident `type` (e.g. system_errors). */
  readonly name: string
  /** Incident title phrase for an increase, e.g. 'Increase in system errors'. */
  readonly title: string
  /** What the evidence `value` measures, e.g. 'error_rate_5xx'. */
  readonly metric: string
  /** One-line description for GET /monitors/detectors. */
  readonly description: string
  /** 1: the request is an event; 0: a trial that is not; -1: not a trial for this detector (e.g. no latency). */
  classify(event: RequestEvent, context: RateContext): 1 | 0 | -1
}

export interface CountDetector {
  readonly kind: 'count'
  readonly name: string
  /** Title phrases by direction. */
  readonly title: { readonly increase: string; readonly decrease: string }
  readonly metric: string
  readonly description: string
}
