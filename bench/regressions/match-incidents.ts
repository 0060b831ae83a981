/**
 * Which detected incident found which injected regression (pure: no I/O).
 *
 * An incident matches an injected regression when
 * - the type matches (a traffic drop is an incident of type `traffic` with
 *   direction `decrease`, a spike one with `increase`; other types by name),
 * - the time windows overlap: the incident's [started_at, detected_at] meets
 *   the regression's [start, end + grace], and
 * - its dimensions are equal to, an ancestor of (fewer values: too broad) or
 *   a descendant of (more values: too narrow) the injected ones.
 * Each incident counts once: for the regression it matches best (equal
 * dimensions first, then the nearest start). A regression's detection is the
 * earliest-detected incident it got; the others are duplicates. Incidents
 * matching no regression are false incidents.
 */
import { dimensionRelation, type Dimensions } from '../../src/incidents/dimension-relation.js'

/** The five kinds of regression the benchmark injects and reports on. */
export const REGRESSION_CLASSES = ['system_errors', 'user_errors', 'latency', 'traffic_drop', 'traffic_spike'] as const
export type RegressionClass = (typeof REGRESSION_CLASSES)[number]

export interface InjectedRegression {
  readonly id: string
  /** system_errors, user_errors, latency or traffic. */
  readonly type: string
  /** 'down' for a traffic drop, 'up' for everything else. */
  readonly direction: 'up' | 'down'
  readonly dimensions: Dimensions
  readonly startMs: number
  readonly endMs: number
}

export interface DetectedIncident {
  readonly id: string
  readonly type: string
  readonly direction: 'increase' | 'decrease'
  readonly dimensions: Dimensions
  /** The incident's estimated change point (event time, epoch ms). */
  readonly startedMs: number
  /** When the test alarmed (event time, epoch ms). */
  readonly detectedMs: number
}

/** Incident dimensions against the injected ones: equal, a strict subset (too broad) or a strict superset (too narrow). */
export type Localisation = 'exact' | 'too_broad' | 'too_narrow'

export interface Match {
  /** Index into the incidents. */
  readonly incident: number
  /** Index into the regressions. */
  readonly regression: number
  readonly localisation: Localisation
}

export interface Matching {
  /** One per regression: its earliest-detected matching incident, or undefined when none matched. */
  readonly detections: (Match | undefined)[]
  /** Every incident that matched, including duplicates. */
  readonly matches: Match[]
  /** Matching incidents after a regression's first (the same regression reported again). */
  readonly duplicates: number[]
  /** Indices of incidents matching no injected regression. */
  readonly falseIncidents: number[]
}

export function regressionClass(type: string, direction: 'up' | 'down'): RegressionClass {
  if (type === 'traffic') return direction === 'down' ? 'traffic_drop' : 'traffic_spike'
  if (type === 'system_errors' || type === 'user_errors' || type === 'latency') return type
  throw new RangeError(`unknown regression type '${type}'`)
}

export function typeMatches(regression: InjectedRegression, incident: DetectedIncident): boolean {
  if (regression.type !== incident.type) return false
  if (regression.type === 'traffic') return (regression.direction === 'down') === (incident.direction === 'decrease')
  return true
}

export function windowsOverlap(regression: InjectedRegression, incident: DetectedIncident, graceMs: number): boolean {
  const from = Math.min(incident.startedMs, incident.detectedMs)
  return incident.detectedMs >= regression.startMs && from <= regression.endMs + graceMs
}

/** How the incident's dimensions relate to the injected ones; undefined when they are unrelated (no match). */
export function localisationOf(incident: Dimensions, injected: Dimensions): Localisation | undefined {
  switch (dimensionRelation(incident, injected)) {
    case 'equal':
      return 'exact'
    case 'ancestor':
      return 'too_broad'
    case 'descendant':
      return 'too_narrow'
    default:
      return undefined
  }
}

/** Match incidents to injected regressions (see the module comment); `graceMs` lets a detection come a little after the regression ended. */
export function matchIncidents(regressions: readonly InjectedRegression[], incidents: readonly DetectedIncident[], graceMs: number): Matching {
  const matches: Match[] = []
  const falseIncidents: number[] = []
  incidents.forEach((incident, i) => {
    let best: { match: Match; rank: number; distance: number } | undefined
    regressions.forEach((regression, r) => {
      if (!typeMatches(regression, incident) || !windowsOverlap(regression, incident, graceMs)) return
      const localisation = localisationOf(incident.dimensions, regression.dimensions)
      if (localisation === undefined) return
      const rank = localisation === 'exact' ? 0 : 1
      const distance = Math.abs(incident.startedMs - regression.startMs)
      if (best === undefined || rank < best.rank || (rank === best.rank && distance < best.distance)) best = { match: { incident: i, regression: r, localisation }, rank, distance }
    })
    if (best === undefined) falseIncidents.push(i)
    else matches.push(best.match)
  })
  const detections: (Match | undefined)[] = regressions.map(() => undefined)
  const duplicates: number[] = []
  const byDetection = [...matches].sort((a, b) => (incidents[a.incident] as DetectedIncident).detectedMs - (incidents[b.incident] as DetectedIncident).detectedMs)
  for (const m of byDetection) {
    if (detections[m.regression] === undefined) detections[m.regression] = m
    else duplicates.push(m.incident)
  }
  return { detections, matches, duplicates: duplicates.sort((a, b) => a - b), falseIncidents }
}
