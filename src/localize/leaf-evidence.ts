import type { LeafMeasure } from './leaf-table.js'

/**
 * Per leaf, what a root cause would change and how much noise hides it.
 *
 * A root cause moves every leaf under it by one amount β (the ripple
 * effect): y ≈ β·x. For a count, x is the forecast and β the relative
 * change (the count falls or rises by the same share in every leaf). For a
 * failure rate, x is the requests actually served and β the rise of the
 * failure rate (a broken path fails a share of the requests that reach it,
 * whatever the leaf's usual rate: the rate moves, not the share of traffic).
 * Each leaf carries
 * - `x`, what β multiplies,
 * - `y`, observed minus expected (errors − requests × expected rate),
 * - `e`, the expected amount (forecast, or expected errors),
 * - `w`, one over the variance of `y` when nothing is wrong: e·(1 − rate)
 *   (Poisson or binomial) plus τ²·e² (the forecast's own relative error).
 */
export interface LeafEvidence {
  readonly x: Float64Array
  readonly y: Float64Array
  readonly e: Float64Array
  readonly w: Float64Array
  /** τ², the squared relative error of the forecasts, estimated from the leaves. */
  readonly forecastVariance: number
}

/** The chi-square(1) quantile at 0.25: a quarter of quiet leaves have a squared z-score below it. */
const CHI2_Q25 = 0.1015310
/** τ² is gauged on the largest leaves (this top share), where the forecast's own error dominates counting noise. */
const GAUGE_SHARE = 0.25
/** …and never on leaves expected to hold fewer events than this (too discrete). */
const MIN_GAUGE_AMOUNT = 5
/** The counting noise of a leaf is never taken below one event's worth: a leaf expecting 0.05 errors does not make 2 errors a 9-sigma event. */
const MIN_EVENTS = 1
/** A forecast of zero still leaves this much room for a change (a leaf that appears from nothing). */
const MIN_COUNT = 0.5

export function leafEvidence(measure: LeafMeasure): LeafEvidence {
  const n = measure.kind === 'count' ? measure.actual.length : measure.requests.length
  const x = new Float64Array(n)
  const y = new Float64Array(n)
  const e = new Float64Array(n)
  const base = new Float64Array(n)
  if (measure.kind === 'count') {
    for (let i = 0; i < n; i++) {
      const f = measure.expected[i] as number
      x[i] = Math.max(f, MIN_COUNT)
      y[i] = (measure.actual[i] as number) - f
      e[i] = f
      base[i] = Math.max(f, MIN_EVENTS)
    }
  } else {
    const floor = rateFloor(measure.expectedRate, measure.requests)
    for (let i = 0; i < n; i++) {
      const requests = measure.requests[i] as number
      const p = Math.min(Math.max(measure.expectedRate[i] as number, floor), 1 - 1e-9)
      x[i] = requests
      y[i] = (measure.errors[i] as number) - requests * (measure.expectedRate[i] as number)
      e[i] = requests * p
      base[i] = Math.max(requests * p * (1 - p), MIN_EVENTS)
    }
  }
  const tau2 = forecastVariance(e, y, base)
  const w = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const ei = e[i] as number
    w[i] = (x[i] as number) > 0 ? 1 / ((base[i] as number) + tau2 * ei * ei) : 0
  }
  return { x, y, e, w, forecastVariance: tau2 }
}

/**
 * τ² such that a quarter of the largest leaves have y²/(base + τ²e²) below
 * the chi-square(1) quartile. The largest leaves, because on small ones the
 * counting noise hides τ (and a forecast that is rounded makes them look too
 * quiet); the lower quartile, so that leaves moved by the root causes bias
 * it only mildly and upwards (conservative): with a fifth of them broken, τ
 * reads about 25% high, and it stays finite until three quarters are. Each
 * leaf's ratio falls below the quartile once τ² passes (y²/q − base)/e², so
 * τ² is the 25th percentile of those thresholds: a sort, no search.
 */
function forecastVariance(e: Float64Array, y: Float64Array, base: Float64Array): number {
  const gauge = (minAmount: number): number[] => {
    const out: number[] = []
    for (let i = 0; i < e.length; i++) {
      const ei = e[i] as number
      if (ei >= minAmount) out.push(((y[i] as number) ** 2 / CHI2_Q25 - (base[i] as number)) / (ei * ei))
    }
    return out
  }
  const sorted = Float64Array.from(e).sort()
  const large = Math.max(sorted[Math.floor((1 - GAUGE_SHARE) * (sorted.length - 1))] as number, MIN_GAUGE_AMOUNT)
  let thresholds = gauge(large)
  if (thresholds.length < 20) thresholds = gauge(Number.MIN_VALUE)
  if (thresholds.length === 0) return 0
  thresholds.sort((a, b) => a - b)
  return Math.max(0, thresholds[Math.floor(0.25 * (thresholds.length - 1))] as number)
}

/** A leaf expected never to fail can still fail: its rate is at least 1% of the typical expected rate. */
function rateFloor(rates: Float64Array, requests: Float64Array): number {
  let served = 0
  let expectedErrors = 0
  for (let i = 0; i < rates.length; i++) {
    served += requests[i] as number
    expectedErrors += (requests[i] as number) * (rates[i] as number)
  }
  return Math.max(served > 0 ? (0.01 * expectedErrors) / served : 0, 1e-9)
}
