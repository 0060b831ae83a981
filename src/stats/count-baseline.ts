import { checkCount, checkFinite, checkPositive } from './check-args.js'

/**
 * A combination's expected request count per step: a recent level (counts per
 * step with the seasonal rhythm divided out) times the seasonal factor of the
 * step, plus an estimate of over-dispersion.
 *
 * In plain words: the level is an exponentially forgotten average of
 * count / factor (simple exponential smoothing of the deseasonalised series;
 * Brown 1959, Hyndman & Athanasopoulos FPP3 §8.1), so it follows growth and
 * decline within hours while the profile carries the daily and weekly shape.
 * Over-dispersion is how much more the counts vary than a Poisson count with
 * the same mean would: for the negative binomial Var = μ + μ²/r, so
 * 1/r = Σ((c − μ)² − μ) / Σ μ² over past one-step-ahead forecasts μ (a
 * weighted method-of-moments estimator; Cameron & Trivedi 2013, §3.2). It is
 * 0 (Poisson) until the counts show otherwise.
 *
 * Contract: call once per step with that step's complete count, steps in
 * increasing order; steps skipped in between are counted as zero (no request
 * arrived), which is what a sparse combination looks like. Feed only steps
 * judged normal: a regression folded in becomes the baseline. State: five numbers.
 */
export interface CountBaselineState {
  /** Deseasonalised count per step (forgotten average of count / factor). */
  readonly level: number
  /** Forgotten number of steps behind the level (0 when empty). */
  readonly weight: number
  /** Forgotten Σ((c − μ)² − μ) over one-step-ahead forecasts μ. */
  readonly excess: number
  /** Forgotten Σ μ² over the same forecasts. */
  readonly meanSquare: number
  /** Latest step folded in, null when empty. */
  readonly at: number | null
}

/** Forgetting and warm-up of a count baseline (all in steps, e.g. minutes). */
export interface CountBaselineOptions {
  /** Half-life of the level in steps (default 60: an hour of minutes). */
  readonly halfLife?: number
  /** Half-life of the dispersion estimate in steps (default 1440: a day of minutes). */
  readonly dispersionHalfLife?: number
  /** Steps of history (forgotten weight) before forecasts are ready (default 30). */
  readonly minWeight?: number
}

/** Defaults for per-minute steps. */
export const DEFAULT_COUNT_BASELINE: Required<CountBaselineOptions> = { halfLife: 60, dispersionHalfLife: 1440, minWeight: 30 }

/** The forecast of one step: mean, over-dispersion, and whether to trust it yet. */
export interface ExpectedCount {
  /** Expected count μ of the step. */
  readonly mean: number
  /** Negative-binomial size r (Infinity = Poisson): Var = μ + μ²/r. */
  readonly size: number
  /** False until the level rests on minWeight steps: do not test against it yet. */
  readonly ready: boolean
}

/** An empty baseline (not ready). */
export function createCountBaseline(): CountBaselineState {
  return { level: 0, weight: 0, excess: 0, meanSquare: 0, at: null }
}

/** The expected count at step `at` (after the last update) for a seasonal factor. */
export function expectedCount(
  state: CountBaselineState,
  factor: number,
  at: number,
  options: CountBaselineOptions = {},
): ExpectedCount {
  checkPositive('factor', factor)
  const { halfLife, minWeight } = { ...DEFAULT_COUNT_BASELINE, ...options }
  const aged = ageLevel(state, at, halfLife)
  const inverseSize = state.meanSquare > 0 ? Math.max(0, state.excess / state.meanSquare) : 0
  return { mean: aged.level * factor, size: inverseSize > 0 ? 1 / inverseSize : Infinity, ready: aged.weight >= minWeight }
}

/** Fold in the complete count of step `at` (seasonal factor `factor`). */
export function updateCountBaseline(
  state: CountBaselineState,
  step: { readonly count: number; readonly factor: number; readonly at: number },
  options: CountBaselineOptions = {},
): CountBaselineState {
  const { count, factor, at } = step
  checkCount('count', count)
  checkPositive('factor', factor)
  checkFinite('at', at)
  const { halfLife, dispersionHalfLife } = { ...DEFAULT_COUNT_BASELINE, ...options }
  checkPositive('dispersionHalfLife', dispersionHalfLife)
  if (state.at !== null && at <= state.at) {
    throw new RangeError(`step ${at} is not after the previous step ${state.at}: one complete count per step, in order`)
  }
  const forecast = expectedCount(state, factor, at, options)
  const aged = ageLevel(state, at, halfLife)
  const keep = Math.pow(2, -1 / halfLife)
  const weight = aged.weight * keep + 1
  const level = (aged.level * aged.weight * keep + count / factor) / weight
  const gap = state.at === null ? 1 : at - state.at
  const keepDispersion = Math.pow(2, -gap / dispersionHalfLife)
  const mu = forecast.mean
  const learns = forecast.ready && mu > 0
  return {
    level,
    weight,
    excess: state.excess * keepDispersion + (learns ? (count - mu) * (count - mu) - mu : 0),
    meanSquare: state.meanSquare * keepDispersion + (learns ? mu * mu : 0),
    at,
  }
}

/**
 * The level and weight as of the step before `at`, with the z skipped steps
 * since the last update folded in as zeros (λ = 2^(−1/halfLife)):
 * weight' = weight·λ^z + Σ_(j<z) λ^j and level' = level·weight·λ^z / weight'.
 */
function ageLevel(state: CountBaselineState, at: number, halfLife: number): { level: number; weight: number } {
  checkPositive('halfLife', halfLife)
  if (state.at === null || at <= state.at + 1) return { level: state.level, weight: state.weight }
  const zeros = at - state.at - 1
  const keep = Math.pow(2, -1 / halfLife)
  const keepAll = Math.pow(keep, zeros)
  // Each zero step enters with weight 1 and ages like the rest: Σ_(j=0)^(zeros−1) λ^j.
  const zeroWeight = (1 - keepAll) / (1 - keep)
  const weight = state.weight * keepAll + zeroWeight
  return { level: weight > 0 ? (state.level * state.weight * keepAll) / weight : 0, weight }
}
