/**
 * One replayed run scored: every injected regression's outcome (detected,
 * localisation, time to detect in requests of its combination, lag, bound)
 * and the incidents that matched nothing.
 */
import type { Incident } from '../../src/incidents/incident-schema.js'
import type { PxTraffic, RegressionLabel } from '../../src/simulator/px/index.js'
import { expectedRequests } from '../../src/simulator/px/timeline.js'
import { type DetectionBound, latencyShares, rateBound, trafficBound } from './detection-bound.js'
import { type DetectedIncident, type InjectedRegression, matchIncidents, regressionClass } from './match-incidents.js'
import type { ReplayResult } from './replay-traffic.js'
import { countInWindow, type RegressionOutcome } from './score-regressions.js'

/** A detection may come this long after the regression ended and still count. */
export const GRACE_MS = 15 * 60_000
/** A false incident within this long after an overlapping injected regression (same leaves) is counted as its side effect. */
export const SIDE_EFFECT_MS = 2 * 60 * 60_000

export interface FalseIncident {
  readonly incident: Incident
  /** Id of an injected regression whose leaves and time it overlaps (a side effect of it), if any. */
  readonly near?: string | undefined
}

export interface RunScore {
  readonly outcomes: RegressionOutcome[]
  readonly falseIncidents: FalseIncident[]
  readonly incidents: number
  readonly duplicates: number
  readonly minutes: number
  readonly firstRegressionMs: number
}

export function toInjected(label: RegressionLabel): InjectedRegression {
  return { id: label.id, type: label.type, direction: label.direction, dimensions: label.dimensions, startMs: Date.parse(label.start), endMs: Date.parse(label.end) }
}

export function toDetected(incident: Incident): DetectedIncident {
  return { id: incident.incident_id, type: incident.type, direction: incident.direction, dimensions: incident.dimensions, startedMs: Date.parse(incident.started_at), detectedMs: Date.parse(incident.detected_at) }
}

const pct = (x: number): string => `${+(x * 100).toPrecision(2)}%`

export function describeEffect(label: RegressionLabel): string {
  const e = label.effect
  if (e.rate !== undefined) return `${pct(e.baseline_rate ?? 0)} → ${pct(e.rate)}${e.status === undefined ? '' : ` (${e.status})`}`
  return `×${e.multiplier}`
}

export function boundOf(label: RegressionLabel, slowLineMs: number | null): DetectionBound | undefined {
  const e = label.effect
  if (label.type === 'traffic') return trafficBound(e.multiplier ?? 1)
  if (label.type === 'latency') {
    if (slowLineMs === null || e.baseline_latency_ms === undefined) return undefined
    const { p0, p1 } = latencyShares(e.baseline_latency_ms, e.multiplier ?? 1, slowLineMs)
    return rateBound(p0, p1)
  }
  return rateBound(e.baseline_rate ?? 0, e.rate ?? 0)
}

/** Do two combinations share leaves? (No field with different values; an instance's name starts with its region.) */
export function leavesOverlap(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(a)) if (Object.hasOwn(b, k) && b[k] !== v) return false
  const region = (d: Readonly<Record<string, string>>): string | undefined => d['region'] ?? d['instance']?.replace(/-\d+$/, '')
  const ra = region(a)
  const rb = region(b)
  return ra === undefined || rb === undefined || ra === rb
}

export function evaluateRun(traffic: PxTraffic, replay: ReplayResult): RunScore {
  const labels = traffic.labels
  const injected = labels.map(toInjected)
  const detected = replay.incidents.map(toDetected)
  const matching = matchIncidents(injected, detected, GRACE_MS)
  const timeline = traffic.config.timeline
  const duplicatesOf = new Map<number, number>()
  for (const i of matching.duplicates) {
    const m = matching.matches.find((x) => x.incident === i)
    if (m !== undefined) duplicatesOf.set(m.regression, (duplicatesOf.get(m.regression) ?? 0) + 1)
  }
  const outcomes = labels.map((label, r): RegressionOutcome => {
    const cls = regressionClass(label.type, label.direction)
    const common = {
      id: label.id,
      source: label.id.startsWith('003-') ? '003' : 'random',
      cls,
      dimensions: label.dimensions,
      expectedRpm: label.expected_rpm,
      effect: describeEffect(label),
      bound: boundOf(label, replay.latencyP90Ms),
      duplicates: duplicatesOf.get(r) ?? 0,
    }
    const m = matching.detections[r]
    if (m === undefined) return { ...common, detected: false }
    const incident = replay.incidents[m.incident] as Incident
    const reg = injected[r] as InjectedRegression
    const at = Date.parse(incident.detected_at)
    let requests: number
    if (cls === 'traffic_drop') {
      const expected = label.traffic_share * expectedRequests(timeline, reg.startMs, Math.min(at, reg.endMs))
      requests = expected * (1 - (label.effect.multiplier ?? 0))
    } else {
      requests = countInWindow(replay.combinationTimes[r] as Float64Array, reg.startMs, at)
    }
    return {
      ...common,
      detected: true,
      localisation: m.localisation,
      incidentDimensions: incident.dimensions,
      requestsToDetect: requests,
      engineRequests: incident.requests_to_detect,
      lagMinutes: (at - reg.startMs) / 60_000,
    }
  })
  const falseIncidents = matching.falseIncidents.map((i): FalseIncident => {
    const incident = replay.incidents[i] as Incident
    const d = detected[i] as DetectedIncident
    const near = injected.find((r) => leavesOverlap(r.dimensions, d.dimensions) && d.detectedMs >= r.startMs && d.startedMs <= r.endMs + SIDE_EFFECT_MS)
    return { incident, near: near?.id }
  })
  return {
    outcomes,
    falseIncidents,
    incidents: replay.incidents.length,
    duplicates: matching.duplicates.length,
    minutes: traffic.config.duration_minutes,
    firstRegressionMs: injected.length === 0 ? Number.NaN : Math.min(...injected.map((r) => r.startMs)),
  }
}
