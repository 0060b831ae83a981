import { checkNonNegative, checkPositive } from './check-args.js'
import type { RatePrior } from './rate-baseline.js'

/**
 * How strongly a parent's error rate should pull its children: the empirical
 * Bayes prior strength m, estimated from how much the children's rates differ
 * beyond what their request counts explain.
 *
 * In plain words: if every country of a partner shows about the same error
 * rate once sampling noise is discounted, a sparse country is best judged by
 * the partner's rate (m large); if countries genuinely differ, each one's own
 * history matters more (m small). Under the beta-binomial model each child's
 * rate has variance p(1−p)(ρ + (1−ρ)/n_i) with ρ = 1/(m + 1), and the
 * method-of-moments estimate (Kleinman, "Proportions with extraneous variance",
 * JASA 68, 1973; the analysis-of-variance form in Fleiss, Levin & Paik,
 * Statistical Methods for Rates and Proportions, 3rd ed., 2003, §15.5) is
 *   ρ̂ = (S − p̄q̄(k − 1)) / (p̄q̄ (N − Σn_i²/N − (k − 1))),  S = Σ n_i (r_i − p̄)²,
 * with k children, N = Σ n_i, p̄ = Σ errors / N, q̄ = 1 − p̄. Then m = 1/ρ̂ − 1,
 * kept within [minStrength, maxStrength]: ρ̂ ≤ 0 (children no more different than
 * noise) gives maxStrength.
 */
export interface PriorStrengthOptions {
  /** Smallest strength returned (default 2 pseudo-requests). */
  readonly minStrength?: number
  /** Largest strength returned, used when children do not differ beyond noise (default 10,000). */
  readonly maxStrength?: number
  /** Strength when fewer than 2 children have requests (default 100). */
  readonly fallbackStrength?: number
  /** Rate used when the children have no requests at all (default 0.01). */
  readonly fallbackRate?: number
}

const DEFAULTS: Required<PriorStrengthOptions> = { minStrength: 2, maxStrength: 10_000, fallbackStrength: 100, fallbackRate: 0.01 }

/** Smallest pooled rate used, so a parent with no errors yet still gives a proper prior. */
const MIN_RATE = 1e-6

/** The pooled rate of `children` and the prior strength m for them (see the module comment). */
export function estimatePriorStrength(
  children: ReadonlyArray<{ readonly errors: number; readonly requests: number }>,
  options: PriorStrengthOptions = {},
): RatePrior & { readonly rho: number } {
  const { minStrength, maxStrength, fallbackStrength, fallbackRate } = { ...DEFAULTS, ...options }
  checkPositive('minStrength', minStrength)
  if (!(maxStrength >= minStrength)) throw new RangeError(`maxStrength (${maxStrength}) must be >= minStrength (${minStrength})`)
  let k = 0
  let total = 0
  let errors = 0
  let squares = 0
  for (const child of children) {
    checkNonNegative('errors', child.errors)
    checkNonNegative('requests', child.requests)
    if (child.errors > child.requests) throw new RangeError(`errors (${child.errors}) cannot exceed requests (${child.requests})`)
    if (child.requests === 0) continue
    k++
    total += child.requests
    errors += child.errors
    squares += child.requests * child.requests
  }
  const pooled = total > 0 ? Math.min(1 - MIN_RATE, Math.max(MIN_RATE, errors / total)) : fallbackRate
  const clamp = (m: number): number => Math.min(maxStrength, Math.max(minStrength, m))
  if (k < 2) return { mean: pooled, strength: clamp(fallbackStrength), rho: 1 / (clamp(fallbackStrength) + 1) }
  let between = 0
  for (const child of children) {
    if (child.requests === 0) continue
    const diff = child.errors / child.requests - pooled
    between += child.requests * diff * diff
  }
  const pq = pooled * (1 - pooled)
  const denominator = pq * (total - squares / total - (k - 1))
  const rho = denominator > 0 ? (between - pq * (k - 1)) / denominator : 0
  const strength = rho > 0 ? clamp(1 / rho - 1) : maxStrength
  return { mean: pooled, strength, rho: 1 / (strength + 1) }
}
