import quantile from '@stdlib/stats-base-dists-normal-quantile'
import { checkOpenProbability } from './check-args.js'
import { regularizedGamma } from './special-functions.js'

/**
 * The standard normal distribution, for the large-sample approximations
 * (Mann–Whitney's z, normal bands) and for reporting a p-value as a z-score.
 */

/** P(Z ≥ z) for a standard normal Z, accurate far into the tail (1e-300 and below). */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('z must be a number, got NaN')
  // P(Z ≥ z) = ½ Q(½, z²/2) for z ≥ 0 (Abramowitz & Stegun 26.2.30 with 6.5.17):
  // the incomplete gamma keeps full relative precision where 1 − Φ(z) would round to 0.
  const half = 0.5 * regularizedGamma(0.5, (z * z) / 2, true)
  return z >= 0 ? half : 1 - half
}

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return normalUpperTail(-z)
}

/** The z with P(Z ≤ z) = p, for p in (0, 1) (the probit; 1.959964 at 0.975). */
export function normalQuantile(p: number): number {
  checkOpenProbability('p', p)
  return quantile(p, 0, 1)
}
