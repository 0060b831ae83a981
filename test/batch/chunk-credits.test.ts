import { describe, expect, it } from 'vitest'
import { topDeviations } from '../../src/explain/top-deviations.js'
import type { FeatureDeviation } from '../../src/explain/feature-deviations.js'
import { createChunkCredits } from '../../src/workers/chunk-credits.js'

const settled = async (p: Promise<void>): Promise<boolean> => {
  let done = false
  void p.then(() => (done = true))
  for (let i = 0; i < 3; i++) await Promise.resolve()
  return done
}

describe('chunk credits', () => {
  it('lets `window` chunks go ahead, then one per pull', async () => {
    const credits = createChunkCredits(2)
    expect(await settled(credits.take())).toBe(true)
    expect(await settled(credits.take())).toBe(true)
    const third = credits.take()
    expect(await settled(third)).toBe(false)
    credits.give()
    expect(await settled(third)).toBe(true)
    // a pull that arrives before the take is kept
    credits.give()
    expect(await settled(credits.take())).toBe(true)
  })
})

describe('topDeviations', () => {
  const d = (contribution: number, deviation_level: FeatureDeviation['deviation_level'] = 'normal'): FeatureDeviation => ({
    type: 'numerical',
    value: 1,
    z_score: 0,
    percentile: 0.5,
    contribution,
    deviation_level,
  })

  it('keeps the n largest |contribution|, ties to the more unusual level, in rank order', () => {
    const all = { a: d(0.1), b: d(-0.9), c: d(0.5), d: d(0.5, 'high'), e: d(0) }
    expect(Object.keys(topDeviations(all, 3))).toEqual(['b', 'd', 'c'])
    expect(topDeviations(all, 3).b).toBe(all.b)
    expect(Object.keys(topDeviations({ a: d(1) }, 3))).toEqual(['a'])
    expect(topDeviations({}, 3)).toEqual({})
  })
})
