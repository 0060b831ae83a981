import { binomialUpperTail } from './binomial.js'
import { checkOpenProbability } from './check-args.js'

/**
 * The fewest requests a fixed-size (non-sequential) exact binomial test needs
 * to see a lift from p0 to p1: the smallest n whose critical count c (the
 * fewest errors with P(X ≥ c | p0) ≤ α) is reached with probability ≥ power
 * when the rate is p1 (Clopper–Pearson style exact test; Lehmann & Romano,
 * Testing Statistical Hypotheses, 3rd ed., 2005, §3.4).
 *
 * This is the yardstick for time to detect: no test at that α and power can
 * be expected to do much better on a single combination, and a sequential test
 * (SPRT, CUSUM) needs fewer on average but not fewer at every run. It produced
 * the bounds table in docs/statistics.md (0.01 → 0.2 at α = 1e-5: 45 requests).
 */
export interface FixedSampleSize {
  /** Requests needed. */
  readonly n: number
  /** Errors among them that make the test significant. */
  readonly criticalErrors: number
  /** The power actually reached at n (≥ the power asked for). */
  readonly power: number
}

/** Search stops here: lifts this small need a different question, not more requests. */
const MAX_N = 1_000_000

/** The smallest n, its critical count and its power (see {@link FixedSampleSize}); `power` defaults to 0.9. */
export function binomialFixedSampleSize(p0: number, p1: number, alpha: number, power = 0.9): FixedSampleSize {
  checkOpenProbability('p0', p0)
  checkOpenProbability('p1', p1)
  checkOpenProbability('alpha', alpha)
  checkOpenProbability('power', power)
  if (!(p1 > p0)) throw new RangeError(`p1 (${p1}) must exceed p0 (${p0})`)
  let critical = 1
  for (let n = 1; n <= MAX_N; n++) {
    // The critical count never decreases with n: more requests, more errors by chance.
    while (critical <= n && binomialUpperTail(critical, n, p0) > alpha) critical++
    if (critical > n) continue
    const reached = binomialUpperTail(critical, n, p1)
    if (reached >= power) return { n, criticalErrors: critical, power: reached }
  }
  throw new RangeError(`more than ${MAX_N} requests would be needed to tell ${p0} from ${p1} at alpha ${alpha}`)
}
