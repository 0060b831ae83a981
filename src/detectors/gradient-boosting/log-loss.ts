/**
 * Binary log-loss on raw scores (log-odds), as scikit-learn's half binomial
 * loss: loss = log(1 + e^raw) - y * raw, gradient = p - y, hessian = p(1 - p)
 * with p = sigmoid(raw), each times the row's class weight.
 */

/** scikit-learn clips the baseline probability to [eps, 1 - eps] with eps = 10 * machine epsilon. */
const BASELINE_EPS = 10 * Number.EPSILON

/** log(p / (1 - p)) of the weighted share of positives among `rows`. */
export function baselineLogit(y: Uint8Array, rows: Int32Array, weights: readonly [number, number]): number {
  let positive = 0
  let total = 0
  for (let k = 0; k < rows.length; k++) {
    const label = y[rows[k] as number] as number
    const w = weights[label] as number
    total += w
    positive += label * w
  }
  const p = Math.min(1 - BASELINE_EPS, Math.max(BASELINE_EPS, positive / total))
  return Math.log(p / (1 - p))
}

/**
 * Training rows carry odds e^raw instead of raw scores: a tree then
 * multiplies a leaf's rows by one e^value, so the gradients need no exp per
 * row and iteration (Math.exp was 13% of the training time). Odds are kept in
 * [1/ODDS_LIMIT, ODDS_LIMIT] (|raw| <= 690, where p is 0 or 1 to the last
 * bit anyway) so they never reach 0 or Infinity.
 */
export const ODDS_LIMIT = 1e300

/**
 * Multiply the odds of rows `idx[start..end)` by `factor` (e^value of the leaf
 * they fell in; 1 to initialise) and refresh their gradients and hessians in
 * the same pass.
 */
export function stepRows(
  odds: Float64Array,
  factor: number,
  idx: Int32Array,
  start: number,
  end: number,
  y: Uint8Array,
  weights: readonly [number, number],
  grad: Float32Array,
  hess: Float32Array,
): void {
  const lo = 1 / ODDS_LIMIT
  const w0 = weights[0]
  const w1 = weights[1]
  for (let k = start; k < end; k++) {
    const r = idx[k] as number
    const e = Math.min(ODDS_LIMIT, Math.max(lo, (odds[r] as number) * factor))
    odds[r] = e
    // q = 1 - p and p = e / (1 + e), both without cancellation
    const q = 1 / (1 + e)
    const p = e * q
    if (y[r] === 1) {
      grad[r] = -q * w1
      hess[r] = p * q * w1
    } else {
      grad[r] = p * w0
      hess[r] = p * q * w0
    }
  }
}

/** Weighted mean log-loss of raw scores `raw` for labels `y` (the early-stopping score is its negative). */
export function meanLogLoss(raw: Float64Array, y: Uint8Array, weights: readonly [number, number]): number {
  let sum = 0
  let total = 0
  for (let k = 0; k < raw.length; k++) {
    const s = raw[k] as number
    const label = y[k] as number
    const w = weights[label] as number
    // log(1 + e^s), stable for large |s|
    const softplus = s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))
    sum += w * (softplus - label * s)
    total += w
  }
  return sum / total
}

/** P(y = 1) from a raw score. */
export function sigmoid(s: number): number {
  return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s))
}
