import type { Combination } from './combination.js'
import type { PxDimensions } from './dimensions.js'

/** The four regression types of 003 §1, named as Vigil's detectors are. */
export const REGRESSION_TYPES = ['system_errors', 'user_errors', 'latency', 'traffic'] as const
export type RegressionType = (typeof REGRESSION_TYPES)[number]

/** Where a regression came from. */
export type RegressionSource = '003' | 'random' | 'config'

/**
 * The ground truth of one injected regression, as written to the labels
 * file: what changed, where (the combination), when (event time), by how
 * much, and how much traffic the combination carries, so a detector's time
 * to detect can be counted in requests of the combination.
 */
export interface RegressionLabel {
  readonly id: string
  readonly name: string
  readonly source: RegressionSource
  readonly type: RegressionType
  /** 'up' for more errors, more latency or a traffic spike; 'down' for a traffic drop. */
  readonly direction: 'up' | 'down'
  /** The combination; `{}` is the whole service. */
  readonly dimensions: PxDimensions
  /** ISO 8601 UTC, event time; the regression holds on [start, end). */
  readonly start: string
  readonly end: string
  readonly effect: RegressionEffectLabel
  /** Mean requests per minute the combination carries without the regression, over the window. */
  readonly expected_rpm: number
  /** Requests the combination would carry over the whole window without the regression. */
  readonly expected_requests: number
  /** Share of all traffic that falls in the combination. */
  readonly traffic_share: number
}

/** How big the change is. Error types give rates, latency and traffic a multiplier. */
export interface RegressionEffectLabel {
  /** Errors: the share of the combination's requests answered with that class during the regression. */
  readonly rate?: number
  /** Errors: the share before (from the model). */
  readonly baseline_rate?: number
  /** Errors: the one status code answered (else the class's usual mix). */
  readonly status?: number
  /** Latency and traffic: the factor applied (traffic 0 = no requests at all). */
  readonly multiplier?: number
  /** Latency: typical (geometric mean of median) latency before, in ms. */
  readonly baseline_latency_ms?: number
}

/** A regression compiled for the generator's hot loop. */
export interface ActiveRegression {
  readonly index: number
  readonly label: RegressionLabel
  readonly type: RegressionType
  readonly combo: Combination
  /** Dimension slots that are fixed, and their values (so matching loops over those only). */
  readonly fixedDims: Int32Array
  readonly fixedValues: Int32Array
  readonly startMs: number
  readonly endMs: number
  readonly rate: number
  /** 0 = the class's usual mix. */
  readonly status: number
  readonly multiplier: number
  readonly share: number
}
