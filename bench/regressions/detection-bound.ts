/**
 * How many requests physics allows for one injected effect (the guide's
 * table "How many requests physics allows", docs/statistics.md): the yardstick
 * time to detect is reported against. Pure functions.
 *
 * - Error rates p0 → p1: Wald's SPRT mean sample number under H1
 *   (α = 1e-5, β = 0.1; 1% → 20%: 23.4) and the exact fixed-size binomial
 *   test at 90% power (1% → 20%: 45).
 * - Latency: the same for the share of requests above the monitor's slow
 *   line T, with the combination taken as lognormal (σ = 0.45, the
 *   simulator's) around its typical latency: p0 = P(L > T), p1 = P(m·L > T).
 *   An approximation (a combination mixes operations).
 * - Traffic (Poisson, a rate factor m): the SPRT needs ln(1/α) / KL(m) expected
 *   baseline requests, KL(m) = m ln m − m + 1 per expected request. For a
 *   drop that is counted in missing expected requests, (1 − m)·ln(1/α)/KL(m)
 *   (a drop to zero: ln(1/α) = 11.5 at 1e-5, the guide's figure); for a spike in
 *   requests of the combination as they arrive, m·ln(1/α)/KL(m).
 */
import { binomialFixedSampleSize, normalUpperTail, sprtAverageSampleNumber } from '../../src/stats/index.js'

export const BOUND_ALPHA = 1e-5
export const BOUND_BETA = 0.1
/** Log-scale spread of the simulator's latencies. */
export const SIMULATED_LATENCY_SIGMA = 0.45

export interface DetectionBound {
  /** Wald SPRT mean requests (or missing expected requests for a drop) to detect. */
  readonly sprt: number
  /** Fixed-size exact test at 90% power; undefined where it does not apply (traffic). */
  readonly fixed: number | undefined
}

/** Bound for an error-rate lift p0 → p1 (also latency shares). Undefined when p1 ≤ p0. */
export function rateBound(p0: number, p1: number): DetectionBound | undefined {
  const lo = Math.min(Math.max(p0, 1e-9), 1 - 1e-9)
  const hi = Math.min(Math.max(p1, 1e-9), 1 - 1e-9)
  if (!(hi > lo)) return undefined
  const sprt = sprtAverageSampleNumber(lo, hi, BOUND_ALPHA, BOUND_BETA).underH1
  let fixed: number | undefined
  try {
    fixed = binomialFixedSampleSize(lo, hi, BOUND_ALPHA).n
  } catch {
    fixed = undefined
  }
  return { sprt, fixed }
}

/** Share above the slow line before and after a latency multiplier, for a lognormal combination around `typicalMs`. */
export function latencyShares(typicalMs: number, multiplier: number, slowLineMs: number, sigma = SIMULATED_LATENCY_SIGMA): { p0: number; p1: number } {
  const z = (median: number): number => (Math.log(slowLineMs) - Math.log(median)) / sigma
  return { p0: normalUpperTail(z(typicalMs)), p1: normalUpperTail(z(typicalMs * multiplier)) }
}

/** Kullback–Leibler divergence of a Poisson rate factor m from 1, per expected baseline request. */
export function poissonKl(m: number): number {
  return m === 0 ? 1 : m * Math.log(m) - m + 1
}

/** Bound for a traffic factor m (see the module comment for units). Undefined for m = 1. */
export function trafficBound(m: number): DetectionBound | undefined {
  if (m === 1 || m < 0) return undefined
  const baseline = Math.log(1 / BOUND_ALPHA) / poissonKl(m)
  return { sprt: m < 1 ? (1 - m) * baseline : m * baseline, fixed: undefined }
}
