/**
 * From matched detections to the benchmark's numbers (pure: no I/O): per
 * regression class the share detected, time to detect in requests of the
 * affected combination against the sequential-test bound, localisation and
 * detection lag; false incidents per simulated day.
 */
import type { Dimensions } from '../../src/incidents/dimension-relation.js'
import type { DetectionBound } from './detection-bound.js'
import type { Localisation, RegressionClass } from './match-incidents.js'

/** One injected regression and what became of it. */
export interface RegressionOutcome {
  readonly id: string
  readonly source: string
  readonly cls: RegressionClass
  readonly dimensions: Dimensions
  /** The combination's requests per minute without the regression (label's expected_rpm). */
  readonly expectedRpm: number
  /** Human-readable effect, e.g. "0.5% → 25%" or "×3". */
  readonly effect: string
  readonly bound: DetectionBound | undefined
  readonly detected: boolean
  readonly localisation?: Localisation | undefined
  readonly incidentDimensions?: Dimensions | undefined
  /** Requests of the combination from the injected start to detected_at (a drop: missing expected requests). */
  readonly requestsToDetect?: number | undefined
  /** The incident's own requests_to_detect (from its estimated change point). */
  readonly engineRequests?: number | undefined
  /** detected_at minus the injected start, minutes of event time. */
  readonly lagMinutes?: number | undefined
  /** Further incidents on the same regression. */
  readonly duplicates: number
}

export interface ClassSummary {
  readonly label: string
  readonly injected: number
  readonly detected: number
  readonly ttdMean: number
  readonly ttdP90: number
  readonly boundMean: number
  readonly boundP90: number
  readonly fixedMean: number
  /** Median over detected regressions of time to detect / SPRT bound. */
  readonly ratioMedian: number
  readonly exact: number
  readonly tooBroad: number
  readonly tooNarrow: number
  readonly lagMeanMin: number
  readonly lagP90Min: number
  readonly engineMean: number
  readonly duplicates: number
}

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? Number.NaN : xs.reduce((s, x) => s + x, 0) / xs.length
}

/** Nearest-rank quantile (q in (0, 1]); NaN for no values. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number
}

/** How many of the sorted times fall in [from, to]. */
export function countInWindow(sortedTimes: ArrayLike<number>, from: number, to: number): number {
  return lowerBound(sortedTimes, to, true) - lowerBound(sortedTimes, from, false)
}

/** First index whose time is > x (after = true) or >= x. */
function lowerBound(a: ArrayLike<number>, x: number, after: boolean): number {
  let lo = 0
  let hi = a.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    const v = a[mid] as number
    if (after ? v <= x : v < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

const defined = (xs: readonly (number | undefined)[]): number[] => xs.filter((x): x is number => x !== undefined && Number.isFinite(x))

/** Summary of a group of regressions (a class, a traffic level, …). */
export function summarise(label: string, outcomes: readonly RegressionOutcome[]): ClassSummary {
  const hit = outcomes.filter((o) => o.detected)
  const ttd = defined(hit.map((o) => o.requestsToDetect))
  const bounds = defined(outcomes.map((o) => o.bound?.sprt))
  const ratios = defined(hit.map((o) => (o.bound !== undefined && o.requestsToDetect !== undefined && o.bound.sprt > 0 ? o.requestsToDetect / o.bound.sprt : undefined)))
  const lag = defined(hit.map((o) => o.lagMinutes))
  return {
    label,
    injected: outcomes.length,
    detected: hit.length,
    ttdMean: mean(ttd),
    ttdP90: quantile(ttd, 0.9),
    boundMean: mean(bounds),
    boundP90: quantile(bounds, 0.9),
    fixedMean: mean(defined(outcomes.map((o) => o.bound?.fixed))),
    ratioMedian: quantile(ratios, 0.5),
    exact: hit.filter((o) => o.localisation === 'exact').length,
    tooBroad: hit.filter((o) => o.localisation === 'too_broad').length,
    tooNarrow: hit.filter((o) => o.localisation === 'too_narrow').length,
    lagMeanMin: mean(lag),
    lagP90Min: quantile(lag, 0.9),
    engineMean: mean(defined(hit.map((o) => o.engineRequests))),
    duplicates: outcomes.reduce((s, o) => s + o.duplicates, 0),
  }
}

/** Traffic levels (requests/min of the affected combination) the tables break results down by. */
export const TRAFFIC_LEVELS: readonly { readonly label: string; readonly below: number }[] = [
  { label: '< 2 req/min', below: 2 },
  { label: '2–10 req/min', below: 10 },
  { label: '10–50 req/min', below: 50 },
  { label: '≥ 50 req/min', below: Infinity },
]

export function trafficLevel(rpm: number): string {
  return (TRAFFIC_LEVELS.find((l) => rpm < l.below) ?? TRAFFIC_LEVELS[TRAFFIC_LEVELS.length - 1])!.label
}

/** False incidents per simulated day. */
export function perDay(count: number, minutes: number): number {
  return minutes > 0 ? count / (minutes / 1440) : Number.NaN
}
