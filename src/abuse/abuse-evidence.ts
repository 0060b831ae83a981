import type { Evidence, EvidencePoint } from '../incidents/incident-schema.js'
import type { IncidentCandidate } from '../monitors/incident-sink.js'
import { poissonUpperTail } from '../stats/index.js'
import type { EntityDetector } from './entity-detector.js'
import type { Judgement, PopulationStats } from './entity-judgement.js'
import type { EntitySeries } from './entity-series.js'
import type { RelatedEntities } from './related-entities.js'

const MINUTE = 60_000

/** Everything an abuse incident says about its entity, gathered when the test alarms (or again while it stays alarmed). */
export interface AbuseFinding {
  readonly detector: EntityDetector
  /** Index of the detector in the series' suspect rows. */
  readonly column: number
  /** The entity field (e.g. ip) and the entity's pseudonym (or raw value for a field that is not personal). */
  readonly field: string
  readonly entity: string
  /** Event time of the request that tipped the test (ms). */
  readonly time: number
  /** Event time of the entity's first request (ms). */
  readonly firstSeen: number
  /** Requests of the entity since it was first seen. */
  readonly requestsSeen: number
  /** Recent (decayed) suspect requests and requests. */
  readonly suspect: number
  readonly requests: number
  readonly judgement: Judgement
  readonly population: PopulationStats
  readonly alpha: number
  /** Time constant of the recent counts, minutes. */
  readonly windowMinutes: number
  readonly series: EntitySeries | undefined
  /** Entities of the same attack folded into this incident (its proxies, throwaway accounts…). */
  readonly related: RelatedEntities | undefined
}

/** The incident candidate of a finding: the entity as the only dimension, its per-minute series against the population's range. */
export function abuseCandidate(f: AbuseFinding): IncidentCandidate {
  const detectedMinute = Math.floor(f.time / MINUTE)
  // the population's 99th-percentile entity, as requests per minute: the top of the normal range each minute
  const expectedPerMinute = f.judgement.expected / f.windowMinutes
  const high = poissonQuantile(expectedPerMinute, 0.999)
  const points: EvidencePoint[] = []
  let startedMinute = Math.floor(f.firstSeen / MINUTE)
  let newCards = 0
  const s = f.series
  if (s !== undefined) {
    const row = s.suspect[f.column] ?? []
    const firstSuspect = row.findIndex((v) => (v ?? 0) > 0)
    if (firstSuspect >= 0) startedMinute = Math.max(startedMinute, s.firstMinute + firstSuspect)
    for (let m = s.firstMinute; m <= Math.min(detectedMinute, s.lastMinute); m++) {
      const i = m - s.firstMinute
      newCards += s.newCards[i] ?? 0
      points.push({ minute: new Date(m * MINUTE).toISOString(), requests: s.requests[i] ?? 0, value: row[i] ?? 0, expected: expectedPerMinute, low: 0, high })
    }
  }
  const share = f.requests > 0 ? f.suspect / f.requests : 0
  const evidence: Evidence = {
    metric: `${f.detector.metric}_per_minute`,
    series: points,
    baseline: f.judgement.expected,
    observed: f.suspect,
    effect: f.judgement.expected > 0 ? f.suspect / f.judgement.expected : 0,
    requests_since_change: Math.round(f.requests),
    events_since_change: f.suspect,
    expected_since_change: f.judgement.expected,
    statistic: -Math.log10(Math.max(f.judgement.p, 1e-300)),
    threshold: -Math.log10(f.alpha),
    p_value: f.judgement.p,
    share_of_monitor_traffic: f.population.requests > 0 ? Math.min(1, f.requests / Math.max(f.requests, f.population.requests)) : 0,
    entity_field: f.field,
    entity: f.entity,
    share_suspect: share,
    baseline_share: f.judgement.baselineShare,
    population_share: f.population.share,
    population_count_p50: f.population.countMid,
    population_count_p99: f.population.countHigh,
    own_expected_count: f.judgement.ownExpected,
    p_count: f.judgement.pCount,
    p_share: f.judgement.pShare,
    active_entities: f.population.active,
    window_minutes: f.windowMinutes,
    requests_by_entity: f.requestsSeen,
    first_request_at: new Date(f.firstSeen).toISOString(),
    latest_request_at: new Date(f.time).toISOString(),
  }
  if (!Number.isNaN(f.judgement.ownShare)) evidence.own_share = f.judgement.ownShare
  if (f.detector.name === 'card_testing') evidence.distinct_new_cards = newCards
  if (f.related !== undefined && f.related.total > 0) {
    evidence.related_entities = f.related.list()
    evidence.related_entities_total = f.related.total
  }
  for (const [key, value] of Object.entries(evidence)) if (typeof value === 'number' && !Number.isFinite(value)) (evidence as Record<string, unknown>)[key] = 0
  return {
    type: f.detector.name,
    direction: 'increase',
    dimensions: { [f.field]: f.entity },
    started_at: new Date(Math.min(startedMinute * MINUTE, f.time)).toISOString(),
    detected_at: new Date(f.time).toISOString(),
    requests_to_detect: f.requestsSeen,
    evidence,
  }
}

/** Smallest k with P(Poisson(mean) > k) below 1 − q. */
function poissonQuantile(mean: number, q: number): number {
  if (!(mean > 0)) return 0
  let k = Math.floor(mean)
  while (poissonUpperTail(k + 1, mean) > 1 - q) k++
  return k
}
