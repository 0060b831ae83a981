import { DDSketch } from '@datadog/sketches-js'
import { betaBinomialUpperTail } from './beta-binomial.js'
import { checkCount, checkOpenProbability } from './check-args.js'
import { binCount } from './sketch-json.js'

/**
 * Latency regressions as counts: the share of requests slower than the
 * baseline's p95, tested like an error rate.
 *
 * In plain words: if latency is unchanged, about 5 % of requests are slower
 * than the baseline p95. Count how many of the current requests are, and ask
 * whether that count is more than 5 % allows: a binomial question, so latency
 * uses the same sequential tests, effect sizes and multiplicity control as
 * errors, and works on sparse combinations where a rank test has too few
 * values. The baseline is a DDSketch (Masson, Rim & Lee, VLDB 2019), whose
 * bins have a guaranteed relative width; "slower" means "in a higher bin than
 * the one holding the p95", judged the same way for the baseline and for new
 * requests, so the baseline share p0 is exact for that definition rather than
 * a nominal 5 % (all bins share one mapping: same relative accuracy).
 */
export interface LatencyThreshold {
  /** The baseline quantile the threshold sits at (e.g. 0.95). */
  readonly quantile: number
  /** The baseline's value at that quantile (the sketch's estimate, within its relative accuracy). */
  readonly value: number
  /** The sketch bin holding that value: requests in higher bins count as slow. */
  readonly key: number
  /** The sketch's relative accuracy (its bin mapping). */
  readonly relativeAccuracy: number
  /** Values in the baseline sketch. */
  readonly baselineCount: number
  /** Baseline values in higher bins than `key`. */
  readonly baselineAbove: number
  /** baselineAbove / baselineCount: the rate p0 to test against. */
  readonly baselineShare: number
}

/** The binomial question "too many slow requests?" answered for one window. */
export interface LatencyExceedance {
  /** Slow requests in the window. */
  readonly above: number
  /** Requests in the window. */
  readonly total: number
  /** above / total. */
  readonly observedShare: number
  /** The baseline's share above the threshold (p0). */
  readonly baselineShare: number
  /** observedShare / baselineShare (Infinity when the baseline had none above). */
  readonly shareRatio: number
  /**
   * P(at least `above` slow requests out of `total`) when the share is the
   * baseline's, with the baseline's own sampling uncertainty: beta-binomial with
   * Beta(baselineAbove + ½, baselineCount − baselineAbove + ½) (Jeffreys prior).
   */
  readonly pValue: number
}

/** The threshold at `quantile` (default 0.95) of a baseline sketch. */
export function latencyThreshold(baseline: DDSketch, quantile = 0.95): LatencyThreshold {
  checkOpenProbability('quantile', quantile)
  if (baseline.count <= 0) throw new RangeError('the baseline sketch is empty')
  if (baseline.negativeStore.count > 0) throw new RangeError('the baseline sketch holds negative values; latencies are >= 0')
  const value = baseline.getValueAtQuantile(quantile)
  const key = keyOf(baseline, value)
  const store = baseline.store
  let above = 0
  for (let k = Math.max(key + 1, store.minKey); k <= store.maxKey; k++) above += binCount(store, k)
  return {
    quantile,
    value,
    key,
    relativeAccuracy: baseline.mapping.relativeAccuracy,
    baselineCount: baseline.count,
    baselineAbove: above,
    baselineShare: above / baseline.count,
  }
}

/** Whether one latency is in a higher bin than the threshold's. */
export function isAboveThreshold(latency: number, threshold: LatencyThreshold): boolean {
  const mapping = mappingFor(threshold.relativeAccuracy)
  return latency > mapping.minPossible && mapping.key(latency) > threshold.key
}

/** How many of `latencies` are above the threshold. */
export function countAboveThreshold(latencies: ArrayLike<number>, threshold: LatencyThreshold): number {
  let count = 0
  for (let i = 0; i < latencies.length; i++) if (isAboveThreshold(latencies[i], threshold)) count++
  return count
}

/** How much of a window sketch (same relative accuracy) is above the threshold. */
export function sketchCountAbove(window: DDSketch, threshold: LatencyThreshold): number {
  if (!window.mergeable(probe(threshold.relativeAccuracy))) {
    throw new RangeError(
      `the window sketch has relative accuracy ${window.mapping.relativeAccuracy}, the threshold ${threshold.relativeAccuracy}`,
    )
  }
  const store = window.store
  let above = 0
  for (let k = Math.max(threshold.key + 1, store.minKey); k <= store.maxKey; k++) above += binCount(store, k)
  return above
}

/** Test `above` slow requests out of `total` against the baseline share (see {@link LatencyExceedance}). */
export function latencyExceedanceTest(above: number, total: number, threshold: LatencyThreshold): LatencyExceedance {
  checkCount('above', above)
  checkCount('total', total)
  if (above > total) throw new RangeError(`above (${above}) cannot exceed total (${total})`)
  const below = threshold.baselineCount - threshold.baselineAbove
  const observedShare = total > 0 ? above / total : 0
  return {
    above,
    total,
    observedShare,
    baselineShare: threshold.baselineShare,
    shareRatio: threshold.baselineShare > 0 ? observedShare / threshold.baselineShare : observedShare > 0 ? Infinity : NaN,
    pValue: betaBinomialUpperTail(above, total, threshold.baselineAbove + 0.5, below + 0.5),
  }
}

function keyOf(sketch: DDSketch, value: number): number {
  const mapping = sketch.mapping
  // A p95 of 0 (cached responses): every positive latency is slower.
  return value > mapping.minPossible ? mapping.key(value) : mapping.key(mapping.minPossible) - 1
}

const probes = new Map<number, DDSketch>()

/** An empty sketch with the logarithmic mapping of this accuracy (for its key function). */
function probe(relativeAccuracy: number): DDSketch {
  let sketch = probes.get(relativeAccuracy)
  if (sketch === undefined) {
    sketch = new DDSketch({ relativeAccuracy })
    probes.set(relativeAccuracy, sketch)
  }
  return sketch
}

function mappingFor(relativeAccuracy: number): DDSketch['mapping'] {
  return probe(relativeAccuracy).mapping
}
