import { describe, expect, it } from 'vitest'
import { createRng } from '../../src/math/random.js'
import { cuboidCount, leafEvidence, localize, readLeaves, searchDepth } from '../../src/localize/index.js'

describe('localize core', () => {
  it('counts cuboids and keeps the default depth within the memory budget', () => {
    expect(cuboidCount(5, 4)).toBe(30)
    expect(cuboidCount(12, 2)).toBe(78)
    expect(searchDepth(5, 20_000, undefined, 4)).toBe(4)
    expect(searchDepth(12, 100_000, undefined, 4)).toBe(1)
    expect(() => searchDepth(12, 100_000, 3, 4)).toThrow(/limit is 4000000/)
  })

  it('reads dimensions as the text-valued keys and infers the measure', () => {
    const table = readLeaves([
      { country: 'CA', pi_type: 'mc', requests: 10, errors: 1, expected_rate: 0.01 },
      { country: 'US', pi_type: 'mc', requests: 20, errors: 0, expected_rate: 0.01 },
    ])
    expect(table.dimensions).toEqual(['country', 'pi_type'])
    expect(table.values).toEqual([['CA', 'US'], ['mc']])
    expect(table.measure.kind).toBe('rate')
  })

  it('estimates the forecast error of the leaves (τ); broken leaves bias it up only a little', () => {
    const rng = createRng(9)
    const gauss = (): number => Math.sqrt(-2 * Math.log(rng.next() + 1e-300)) * Math.cos(2 * Math.PI * rng.next())
    const tau = (brokenEvery: number): number => {
      // leaves off their forecast by a normal 10% (sd); every `brokenEvery`-th one broken by −50%
      const rows = Array.from({ length: 2000 }, (_, i) => ({ k: `v${i}`, expected: 10_000, actual: Math.round(10_000 * (1 + 0.1 * gauss()) * (i % brokenEvery === 0 ? 0.5 : 1)) }))
      return Math.sqrt(leafEvidence(readLeaves(rows).measure).forecastVariance)
    }
    expect(tau(Infinity)).toBeGreaterThan(0.09)
    expect(tau(Infinity)).toBeLessThan(0.11)
    // a fifth broken: the lower quartile of the mixture is the clean leaves' 31st percentile, so τ reads ~25% high (conservative)
    expect(tau(5)).toBeGreaterThan(0.1)
    expect(tau(5)).toBeLessThan(0.14)
  })

  it('answers nothing for a single quiet leaf, and never throws on zeros', () => {
    expect(localize(readLeaves([{ k: 'a', actual: 0, expected: 0 }])).root_causes).toEqual([])
    expect(localize(readLeaves([{ k: 'a', requests: 0, errors: 0, expected_requests: 0, expected_errors: 0 }])).root_causes).toEqual([])
  })
})
