import type { Rng } from '../math/random.js'

/**
 * Distributions drawn from a seeded {@link Rng}: everything the simulator
 * randomises goes through these, so a seed fixes every value.
 */

/** Standard normal draw (Box-Muller), scaled to `mean` and `sd`. */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  const u = 1 - rng.next() // (0, 1]: log(0) never happens
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next())
}

/** Log-normal draw with the given median and log-scale spread. */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(normal(rng, 0, sigma))
}

/** Exponential waiting time for an event rate (events per unit). */
export function exponential(rng: Rng, rate: number): number {
  return -Math.log(1 - rng.next()) / rate
}

/** Uniform integer in [lo, hi], both ends included. */
export function intBetween(rng: Rng, lo: number, hi: number): number {
  return lo + rng.int(hi - lo + 1)
}

/** True with probability `p`. */
export function chance(rng: Rng, p: number): boolean {
  return rng.next() < p
}

/** One element, uniformly. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick: cannot choose from an empty list')
  return items[rng.int(items.length)] as T
}

/** One element, with probability proportional to `weight(item)` (weights >= 0, not all 0). */
export function pickWeighted<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T {
  let total = 0
  for (const item of items) total += weight(item)
  if (!(total > 0)) throw new RangeError('pickWeighted: the weights sum to 0')
  let r = rng.next() * total
  for (const item of items) {
    r -= weight(item)
    if (r < 0) return item
  }
  return items[items.length - 1] as T
}

/** A value clamped to [lo, hi]. */
export function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value))
}

/** Round to `digits` decimals (for metrics that are reported, not computed on). */
export function round(value: number, digits = 0): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** A random version-4 UUID built from the generator, so ids repeat with the seed. */
export function uuid(rng: Rng): string {
  const b = new Array<string>(16)
  for (let i = 0; i < 16; i += 4) {
    const x = rng.int(0x100000000)
    b[i] = HEX[x >>> 24] as string
    b[i + 1] = HEX[(x >>> 16) & 0xff] as string
    b[i + 2] = HEX[(x >>> 8) & 0xff] as string
    b[i + 3] = HEX[x & 0xff] as string
  }
  b[6] = HEX[(parseInt(b[6] as string, 16) & 0x0f) | 0x40] as string
  b[8] = HEX[(parseInt(b[8] as string, 16) & 0x3f) | 0x80] as string
  return `${b[0]}${b[1]}${b[2]}${b[3]}-${b[4]}${b[5]}-${b[6]}${b[7]}-${b[8]}${b[9]}-${b[10]}${b[11]}${b[12]}${b[13]}${b[14]}${b[15]}`
}
