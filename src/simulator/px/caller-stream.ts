import type { AttackType, BenignKind } from './attack.js'

/** What sends a caller stream's requests: an attack or a benign heavy entity. */
export type StreamKind = AttackType | BenignKind

/**
 * A stream of requests from one entity (an attacker, a batch job, a shared
 * corporate address), compiled for the generator: its window, its rate and
 * who it calls as. The generator merges it, in time order, with the
 * ordinary traffic, from a random stream of its own (so adding an attack
 * leaves every other request as it was).
 */
export interface CallerStream {
  readonly kind: StreamKind
  /** Index into the run's attack labels (attacks) or benign heavy labels (the others). */
  readonly label: number
  readonly seed: number
  readonly startMs: number
  readonly endMs: number
  /** Mean requests per minute. */
  readonly perMinute: number
  /** Whether the rate follows the service's daily and weekly rhythm (else it is constant). */
  readonly rhythm: boolean
  /** The one user index it calls as, or -1 to draw from the pool [userBase, userBase + userCount). */
  readonly user: number
  readonly userBase: number
  readonly userCount: number
  /** The one address index, or -1 to draw from [ipBase, ipBase + ipCount). */
  readonly ip: number
  readonly ipBase: number
  readonly ipCount: number
  /** The one card-holder name index, or -1 (each card its own name). */
  readonly holder: number
  /** Fixed partner and country value indices (attackers and batch jobs stay on one storefront), or -1. */
  readonly partner: number
  readonly country: number
  /** card_testing: share failing validation; fuzzing: share answered 4xx. */
  readonly failureRate: number
  /** fuzzing: share answered 5xx. */
  readonly serverErrorRate: number
}
