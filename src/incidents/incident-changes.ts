import type { MonitorConfig } from '../monitors/monitor-config.js'
import { dimensionRelation, sharedValues } from './dimension-relation.js'
import type { IncidentCandidate } from './incident-candidate.js'
import type { Evidence, Incident, TimelineEvent } from './incident-schema.js'
import { chooseSeverity } from './incident-severity.js'
import { incidentTitle } from './incident-title.js'

/** The monitor an incident belongs to, as `report()` receives it. */
export interface MonitorRef {
  readonly name: string
  readonly config: MonitorConfig
}

/** Entries kept in an incident's timeline. */
export const TIMELINE_LIMIT = 100

/** True while an incident still absorbs detections and can be resolved automatically. */
export function isActive(incident: Incident): boolean {
  return incident.status !== 'resolved'
}

/**
 * The active incident that absorbs a candidate: same monitor, type and
 * direction, and a combination equal to the candidate's, broader than it or
 * inside it. The equal one first, else the one sharing most values, else the
 * oldest. Undefined: the candidate is a new regression.
 */
export function findAbsorber(incidents: Iterable<Incident>, monitor: string, candidate: IncidentCandidate): Incident | undefined {
  let best: Incident | undefined
  let bestScore = -1
  for (const incident of incidents) {
    if (!isActive(incident) || incident.monitor !== monitor || incident.type !== candidate.type || incident.direction !== candidate.direction) continue
    const relation = dimensionRelation(incident.dimensions, candidate.dimensions)
    if (relation === 'unrelated') continue
    const score = relation === 'equal' ? Number.MAX_SAFE_INTEGER : sharedValues(incident.dimensions, candidate.dimensions)
    if (score > bestScore || (score === bestScore && best !== undefined && incident.incident_id < best.incident_id)) {
      best = incident
      bestScore = score
    }
  }
  return best
}

/** A new incident from a candidate (the id and wall-clock time come from the caller). */
export function openIncident(id: string, candidate: IncidentCandidate, monitor: MonitorRef, nowIso: string): Incident {
  const { severity, reason } = chooseSeverity(candidate.type, candidate.dimensions, candidate.evidence.share_of_monitor_traffic, monitor.config.severity)
  return {
    incident_id: id,
    monitor: monitor.name,
    type: candidate.type,
    status: 'open',
    severity,
    severity_reason: reason,
    title: incidentTitle(severity, candidate.type, candidate.direction, candidate.dimensions, monitor.config.dimensions),
    dimensions: { ...candidate.dimensions },
    direction: candidate.direction,
    started_at: candidate.started_at,
    detected_at: candidate.detected_at,
    last_seen_at: candidate.detected_at,
    updated_at: nowIso,
    requests_to_detect: candidate.requests_to_detect,
    absorbed: 0,
    evidence: candidate.evidence,
    timeline: [{ at: candidate.detected_at, event: 'opened', severity, dimensions: { ...candidate.dimensions } }],
    deliveries: [],
  }
}

export interface Absorption {
  /** Escalated or refined: worth telling the webhook (a plain absorption is not). */
  readonly changed: boolean
}

/**
 * Fold a later detection into an active incident, in place.
 * - Same combination: the evidence is replaced by the newer one.
 * - A combination inside the incident's with stronger evidence
 *   (`strongerEvidence`): the incident is refined to it (dimensions, title,
 *   evidence); detected_at, started_at and requests_to_detect stay those of
 *   the first detection, which is when the regression was found.
 * - Otherwise only the count and last_seen_at move; the evidence stays that
 *   of the incident's own combination.
 * The severity is raised when the candidate's rules say more severe, never lowered.
 */
export function absorbCandidate(incident: Incident, candidate: IncidentCandidate, config: MonitorConfig, nowIso: string): Absorption {
  const relation = dimensionRelation(incident.dimensions, candidate.dimensions)
  // narrower when its evidence is stronger; broader only when the engine showed the rest of the broader traffic changed too
  const refine = (relation === 'ancestor' && strongerEvidence(candidate.evidence, incident.evidence)) || (relation === 'descendant' && candidate.widens === true)
  incident.absorbed += 1
  if (candidate.detected_at > incident.last_seen_at) incident.last_seen_at = candidate.detected_at
  incident.updated_at = nowIso
  if (relation === 'equal' || refine) {
    incident.evidence = candidate.evidence
    delete incident.in_range_since
  }
  if (refine) {
    incident.dimensions = { ...candidate.dimensions }
    pushTimeline(incident, { at: candidate.detected_at, event: 'refined', dimensions: { ...candidate.dimensions } })
  }
  const proposed = chooseSeverity(candidate.type, candidate.dimensions, candidate.evidence.share_of_monitor_traffic, config.severity)
  const escalate = proposed.severity < incident.severity
  if (escalate) {
    incident.severity = proposed.severity
    incident.severity_reason = proposed.reason
    pushTimeline(incident, { at: candidate.detected_at, event: 'escalated', severity: proposed.severity })
  }
  if (refine || escalate) incident.title = incidentTitle(incident.severity, incident.type, incident.direction, incident.dimensions, config.dimensions)
  return { changed: refine || escalate }
}

/**
 * Whether evidence `a` (a narrower combination) beats `b` (a broader one
 * holding it): a larger effect, as a ratio away from 1 either way, means the
 * regression is concentrated there rather than diluted by healthy siblings;
 * on a tie the larger statistic relative to its threshold wins. Both alarmed,
 * so both are significant; raw statistics alone would favour the broader
 * combination, which simply has more requests.
 */
export function strongerEvidence(a: Evidence, b: Evidence): boolean {
  const ea = effectSize(a.effect)
  const eb = effectSize(b.effect)
  if (ea !== eb) return ea > eb
  return relativeStatistic(a) > relativeStatistic(b)
}

function effectSize(effect: number): number {
  if (Number.isNaN(effect) || effect < 0) return 0
  return Math.abs(Math.log(effect))
}

function relativeStatistic(e: Evidence): number {
  return e.threshold > 0 ? e.statistic / e.threshold : e.statistic
}

export function pushTimeline(incident: Incident, event: TimelineEvent): void {
  incident.timeline.push(event)
  if (incident.timeline.length > TIMELINE_LIMIT) incident.timeline.splice(0, incident.timeline.length - TIMELINE_LIMIT)
}
