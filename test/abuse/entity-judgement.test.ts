import { describe, expect, it } from 'vitest'
import { entityAlpha, judgeEntity, type PopulationStats } from '../../src/abuse/entity-judgement.js'

const decay = { recent: (10 * 60) / Math.LN2, long: (24 * 3600) / Math.LN2 }
const population: PopulationStats = { active: 200_000, countHigh: 2, countMid: 0.3, share: 0.08, requests: 1e6 }
const alpha = entityAlpha(0.5, population.active)

describe('judging one entity against the population and its own history', () => {
  it('2 failures out of 2 are never improbable enough', () => {
    const j = judgeEntity({ suspect: 2, requests: 2, suspectLong: 2, requestsLong: 2, ageSeconds: 60 }, population, decay)
    expect(j.p).toBeGreaterThan(alpha)
  })

  it('an attacker failing 17 new cards out of 20 in minutes is', () => {
    const j = judgeEntity({ suspect: 17, requests: 20, suspectLong: 17, requestsLong: 20, ageSeconds: 300 }, population, decay)
    expect(j.p).toBeLessThan(alpha)
  })

  it('high volume at a normal share is not (a batch job, a corporate IP)', () => {
    const j = judgeEntity({ suspect: 80, requests: 1000, suspectLong: 80, requestsLong: 1000, ageSeconds: 600 }, population, decay)
    expect(j.pShare).toBeGreaterThan(alpha)
    expect(j.p).toBeGreaterThan(alpha)
  })

  it("an entity's own long history raises its expected count: a steady heavy sender is judged against itself", () => {
    // a day of 100 costly calls a minute, all of them costly: the recent window holds what its past predicts
    const tauR = decay.recent
    const tauL = decay.long
    const rate = 100 / 60
    const age = 86_400
    const suspect = rate * tauR * (1 - Math.exp(-age / tauR))
    const suspectLong = rate * tauL * (1 - Math.exp(-age / tauL))
    const j = judgeEntity({ suspect, requests: suspect, suspectLong, requestsLong: suspectLong, ageSeconds: age }, population, decay)
    expect(j.ownExpected).toBeGreaterThan(suspect * 0.9)
    expect(j.ownShare).toBeCloseTo(1, 5)
    expect(j.p).toBeGreaterThan(alpha)
    // the same burst from a newcomer is an attack
    const fresh = judgeEntity({ suspect, requests: suspect, suspectLong: suspect, requestsLong: suspect, ageSeconds: 600 }, population, decay)
    expect(fresh.p).toBeLessThan(alpha)
  })

  it('spreads the false alarms of a day over active entities and minutes', () => {
    expect(entityAlpha(1, 1000)).toBeCloseTo(1 / 1_440_000, 12)
    expect(entityAlpha(1, 0)).toBeCloseTo(1 / 1440, 12)
  })
})
