import type { LeafMeasure } from './leaf-table.js'

/**
 * Per leaf, what a root cause would change and how much noise hides it.
 *
 * A root cause multiplies the measure of every leaf under it by the same
 * factor 1 + β (the ripple effect): the count, or for a failure rate the
 * expected errors given the requests actually served (the rate moves, not
 * the share of traffic). So each leaf carries
 * - `x`, the amount the factor applies to (the forecast, or requests × expected rate),
 * - `y`, observed minus expected,
 * - `w`, one over the variance of `y` when nothing is wrong:
 *   x·(1 − rate) (Poisson or binomial) plus τ²·x² (the forecast's own relative error).
 */
export interface LeafEvidence {
  readonly x: Float64Array
  readonly y: Float64Array
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
/** A forecast of zero still leaves this much room for a change (a leaf that appears from nothing). */
const MIN_COUNT = 0.5

export function leafEvidence(measure: LeafMeasure): LeafEvidence {
  const n = measure.kind === 'count' ? measure.actual.length : measure.requests.length
  const x = new Float64Array(n)
  const y = new Float64Array(n)
  const base = new Float64Array(n)
  if (measure.kind === 'count') {
    for (let i = 0; i < n; i++) {
      const f = measure.expected[i] as number
      x[i] = Math.max(f, MIN_COUNT)
      y[i] = (measure.actual[i] as number) - f
      base[i] = Math.max(f, 1)
    }
  } else {
    const floor = rateFloor(measure.expectedRate, measure.requests)
    for (let i = 0; i < n; i++) {
      const requests = measure.requests[i] as number
      const p = Math.min(Math.max(measure.expectedRate[i] as number, floor), 1 - 1e-9)
      x[i] = requests * p
      y[i] = (measure.errors[i] as number) - requests * p
      base[i] = Math.max(requests * p * (1 - p), 1e-9)
    }
  }
  const tau2 = forecastVariance(x, y, base)
  const w = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number
    w[i] = xi > 0 ? 1 / ((base[i] as number) + tau2 * xi * xi) : 0
  }
  return { x, y, w, forecastVariance: tau2 }
}

/**
 * τ² such that a quarter of the largest leaves have y²/(base + τ²x²) below
 * the chi-square(1) quartile. The largest leaves, because on small ones the
 * counting noise hides τ (and a forecast that is rounded makes them look too
 * quiet); the lower quartile, so that up to three quarters of them may be
 * affected by the root causes. Each leaf's ratio falls below the quartile
 * once τ² passes (y²/q − base)/x², so τ² is the 25th percentile of those
 * thresholds: a sort, no search.
 */
function forecastVariance(x: Float64Array, y: Float64Array, base: Float64Array): number {
  const gauge = (minAmount: number): number[] => {
    const out: number[] = []
    for (let i = 0; i < x.length; i++) {
      const xi = x[i] as number
      if (xi >= minAmount) out.push(((y[i] as number) ** 2 / CHI2_Q25 - (base[i] as number)) / (xi * xi))
    }
    return out
  }
  const sorted = Float64Array.from(x).sort()
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
