import { checkPositive } from './check-args.js'

/**
 * Exponential forgetting: an observation `elapsed` steps old weighs
 * 2^(−elapsed / halfLife). Baselines keep forgotten sums, so recent history
 * counts most and a state is a handful of numbers however long it has run.
 * Because every observation's weight depends only on its own age, the sums do
 * not depend on the order updates arrive in (late aggregates are weighted by
 * their age, not by their arrival).
 */
export function decayFactor(elapsed: number, halfLife: number): number {
  checkPositive('halfLife', halfLife)
  return Math.pow(2, -elapsed / halfLife)
}
