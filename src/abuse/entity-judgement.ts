import { binomialUpperTail, poissonUpperTail } from '../stats/index.js'

/** What the population of one detector in one entity field looked like at the last closed minute. */
export interface PopulationStats {
  /** Entities with at least half a recent request for this detector. */
  readonly active: number
  /** 99th percentile of active entities' recent suspect counts (DDSketch). */
  readonly countHigh: number
  /** Median of the same. */
  readonly countMid: number
  /** Share of recent requests that are suspect, over all entities, with a weak prior (1 in 20) so an empty population is not 0. */
  readonly share: number
  /** All recent requests of the population (decayed), for the entity's share of the traffic. */
  readonly requests: number
}

/** Before the first closed minute: nothing learned, the priors only. */
export const EMPTY_POPULATION: PopulationStats = { active: 0, countHigh: 0, countMid: 0, share: 1 / 20, requests: 0 }

/** The smallest expected recent count a test uses: a population where nobody is ever suspect still allows one event by chance. */
export const MIN_EXPECTED_COUNT = 1

export interface EntityCounts {
  /** Recent (decayed) suspect requests and requests. */
  readonly suspect: number
  readonly requests: number
  /** Long-run (decayed) suspect requests and requests, recent ones included. */
  readonly suspectLong: number
  readonly requestsLong: number
  /** Seconds since the entity's first request. */
  readonly ageSeconds: number
}

export interface DecayTimes {
  /** Time constants (half-life / ln 2) in seconds: the recent window and the long-run baseline. */
  readonly recent: number
  readonly long: number
}

export interface Judgement {
  /** Expected recent suspect count: the larger of the population's 99th percentile and the entity's own past rate. */
  readonly expected: number
  /** Suspect share the entity is held to: the larger of the population's and its own past share. */
  readonly baselineShare: number
  readonly ownExpected: number
  /** NaN when the entity has too little history of its own. */
  readonly ownShare: number
  readonly pCount: number
  readonly pShare: number
  /** The larger of the two: both the count and the share must be improbable. */
  readonly p: number
}

/** Requests of its own history before an entity's own share counts. */
const MIN_OWN_REQUESTS = 10

/**
 * Is this entity's recent behaviour improbable? Two one-sided tests, both
 * against the larger of two baselines (the population's and the entity's own
 * history before the recent window):
 * - count: P(Poisson(expected) >= suspect), the volume of suspect requests;
 * - share: P(Binomial(requests, baselineShare) >= suspect), how many of its
 *   requests are suspect.
 * A partner's batch job has volume but a normal share; a shared corporate IP
 * has many cards but a normal failure share; an attacker has both.
 *
 * The entity's own past is what the long-run count holds beyond the recent
 * one: the kernel e^(-t/τL) − e^(-t/τR) weighs events older than the recent
 * window, and integrates to τL − τR over the entity's age.
 */
export function judgeEntity(counts: EntityCounts, population: PopulationStats, decay: DecayTimes): Judgement {
  const age = Math.max(0, counts.ageSeconds)
  const exposureOld = decay.long * -Math.expm1(-age / decay.long) - decay.recent * -Math.expm1(-age / decay.recent)
  const oldSuspect = Math.max(0, counts.suspectLong - counts.suspect)
  const oldRequests = Math.max(0, counts.requestsLong - counts.requests)
  const ownExpected = exposureOld >= decay.recent ? (oldSuspect / exposureOld) * decay.recent : 0
  const ownShare = oldRequests >= MIN_OWN_REQUESTS ? oldSuspect / oldRequests : Number.NaN
  const expected = Math.max(MIN_EXPECTED_COUNT, population.countHigh, ownExpected)
  const baselineShare = Math.min(1, Math.max(population.share, Number.isNaN(ownShare) ? 0 : ownShare))
  const k = Math.floor(counts.suspect + 1e-6)
  const n = Math.max(k, Math.round(counts.requests))
  const pCount = k <= 0 ? 1 : poissonUpperTail(k, expected)
  const pShare = k <= 0 ? 1 : baselineShare >= 1 ? 1 : binomialUpperTail(k, n, baselineShare)
  return { expected, baselineShare, ownExpected, ownShare, pCount, pShare, p: Math.max(pCount, pShare) }
}

/**
 * The level one test must reach: `perDay` false alarms per day spread
 * (Bonferroni) over the active entities and the minutes of a day. An entity
 * is tested at each of its suspect requests, but its recent count moves
 * little within a minute, so a minute is the unit of independent tests.
 */
export function entityAlpha(perDay: number, activeEntities: number): number {
  return perDay / (1440 * Math.max(1, activeEntities))
}
