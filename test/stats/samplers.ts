import type { Rng } from '../../src/math/random.js'

/** Test-only samplers on the project's seeded PRNG. */

export function bernoulli(rng: Rng, p: number): number {
  return rng.next() < p ? 1 : 0
}

export function binomial(rng: Rng, n: number, p: number): number {
  let k = 0
  for (let i = 0; i < n; i++) k += bernoulli(rng, p)
  return k
}

/** Poisson by inversion of the CDF (fine for the means used in tests, < 700). */
export function poisson(rng: Rng, mu: number): number {
  const u = rng.next()
  let k = 0
  let term = Math.exp(-mu)
  let cumulative = term
  while (u > cumulative && term > 0) {
    k++
    term *= mu / k
    cumulative += term
  }
  return k
}

function normal(rng: Rng): number {
  const u = 1 - rng.next()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next())
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the shape < 1 boost. */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(1 - rng.next(), 1 / shape)
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    const x = normal(rng)
    const v = Math.pow(1 + c * x, 3)
    if (v <= 0) continue
    const u = 1 - rng.next()
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v
  }
}

/** Negative binomial with mean mu and size r, as a gamma–Poisson mixture. */
export function negativeBinomial(rng: Rng, mu: number, size: number): number {
  return poisson(rng, (gamma(rng, size) * mu) / size)
}

/** Beta(a, b) from two gammas. */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a)
  return x / (x + gamma(rng, b))
}
