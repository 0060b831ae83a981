/** A small seeded PRNG (mulberry32): the same seed gives the same kill delays. */
export type Random = () => number

export function seededRandom(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The seed to use: `$VIGIL_CRASH_SEED` when set (to replay a run), else a fresh one. */
export function chooseSeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['VIGIL_CRASH_SEED']
  if (raw !== undefined && raw !== '') {
    const seed = Number(raw)
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`VIGIL_CRASH_SEED must be a whole number from 0 to 4294967295; got '${raw}'`)
    return seed
  }
  return Math.floor(Math.random() * 0xffffffff)
}
