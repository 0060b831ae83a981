/**
 * Seeded pseudo-random numbers (xoshiro128**, seeded through splitmix32).
 * Every random draw in Vigil comes from one of these so that the same seed
 * gives the same model, byte for byte.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number
  /** Uniform integer in [0, n). */
  int(n: number): number
  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

export function createRng(seed: number): Rng {
  const sm = splitmix32(seed)
  let a = sm()
  let b = sm()
  let c = sm()
  let d = sm()
  if ((a | b | c | d) === 0) a = 1
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0
    const t = (b << 9) >>> 0
    c ^= a
    d ^= b
    b ^= c
    a ^= d
    c ^= t
    d = rotl(d, 11)
    return result
  }
  const next = (): number => nextU32() / 4294967296
  return {
    next,
    int: (n) => Math.floor(next() * n),
    uniform: (lo, hi) => lo + (hi - lo) * next(),
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0
}

/** Derive an independent child seed (e.g. one per tree) from a parent seed and an index. */
export function deriveSeed(seed: number, index: number): number {
  return splitmix32((seed ^ Math.imul(index + 1, 0x27d4eb2d)) >>> 0)()
}
