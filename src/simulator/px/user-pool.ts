import { createRng, deriveSeed } from '../../math/random.js'

/** The users a run draws from: an id and the address it calls from. */
export interface UserPool {
  readonly ids: readonly string[]
  readonly ips: readonly string[]
}

/**
 * `count` users with ids that look opaque (a bijective scramble of the
 * index, so they never collide) and public-looking IPv4 addresses, the
 * same for the same seed.
 */
export function buildUserPool(seed: number, count: number): UserPool {
  const rng = createRng(deriveSeed(seed, 4))
  const ids: string[] = new Array<string>(count)
  const ips: string[] = new Array<string>(count)
  const salt = deriveSeed(seed, 5)
  for (let i = 0; i < count; i++) {
    // multiplying by an odd constant mod 2^32 is a bijection: distinct indices give distinct ids
    const h = (Math.imul(i + 1, 0x9e3779b1) ^ salt) >>> 0
    ids[i] = `u-${h.toString(16).padStart(8, '0')}`
    ips[i] = `${1 + rng.int(223)}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`
  }
  return { ids, ips }
}
