/**
 * Argument guards shared by the statistics functions (internal: not re-exported
 * from `index.ts`). Numerics throw `RangeError` naming the argument, the value
 * and the limit, so a detector bug surfaces as a precise message, never as a
 * silent NaN in an incident.
 */

/** A probability strictly inside (0, 1), e.g. a baseline error rate or a test level. */
export function checkOpenProbability(name: string, value: number): void {
  if (!(value > 0 && value < 1)) throw new RangeError(`${name} must be in (0, 1), got ${value}`)
}

/** A probability in [0, 1]. */
export function checkProbability(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${value}`)
}

/** A finite number ≥ 0 (a count may be fractional after exponential forgetting). */
export function checkNonNegative(name: string, value: number): void {
  if (!(value >= 0 && Number.isFinite(value))) throw new RangeError(`${name} must be a finite number >= 0, got ${value}`)
}

/** A finite number > 0. */
export function checkPositive(name: string, value: number): void {
  if (!(value > 0 && Number.isFinite(value))) throw new RangeError(`${name} must be a finite number > 0, got ${value}`)
}

/** An integer ≥ 0 (a count of requests or errors in a distribution's support). */
export function checkCount(name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 0)) throw new RangeError(`${name} must be an integer >= 0, got ${value}`)
}

/** A finite number (an event-time step index, a log-likelihood ratio increment). */
export function checkFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`)
}
