import { describe, expect, it } from 'vitest'
import { poissonKl, rateBound, trafficBound } from '../../bench/regressions/detection-bound.js'
import { leavesOverlap } from '../../bench/regressions/evaluate-run.js'
import { type DetectedIncident, type InjectedRegression, localisationOf, matchIncidents, regressionClass } from '../../bench/regressions/match-incidents.js'
import { countInWindow, perDay, quantile, type RegressionOutcome, summarise } from '../../bench/regressions/score-regressions.js'

const MIN = 60_000
const T0 = Date.parse('2025-01-07T14:00:00.000Z')

const regression = (over: Partial<InjectedRegression> = {}): InjectedRegression => ({
  id: 'r1',
  type: 'system_errors',
  direction: 'up',
  dimensions: { operation: 'edit_pi', country: 'CA' },
  startMs: T0,
  endMs: T0 + 60 * MIN,
  ...over,
})

const incident = (over: Partial<DetectedIncident> = {}): DetectedIncident => ({
  id: 'i1',
  type: 'system_errors',
  direction: 'increase',
  dimensions: { operation: 'edit_pi', country: 'CA' },
  startedMs: T0 + MIN,
  detectedMs: T0 + 3 * MIN,
  ...over,
})

describe('matching incidents to injected regressions', () => {
  it('classes: traffic splits into drop and spike', () => {
    expect(regressionClass('traffic', 'down')).toBe('traffic_drop')
    expect(regressionClass('traffic', 'up')).toBe('traffic_spike')
    expect(regressionClass('latency', 'up')).toBe('latency')
    expect(() => regressionClass('tea_leaves', 'up')).toThrow(RangeError)
  })

  it('localisation: equal is exact, a strict subset too broad, a strict superset too narrow, anything else no match', () => {
    const injected = { operation: 'edit_pi', country: 'CA' }
    expect(localisationOf({ country: 'CA', operation: 'edit_pi' }, injected)).toBe('exact')
    expect(localisationOf({ operation: 'edit_pi' }, injected)).toBe('too_broad')
    expect(localisationOf({}, injected)).toBe('too_broad')
    expect(localisationOf({ operation: 'edit_pi', country: 'CA', pi_type: 'mc' }, injected)).toBe('too_narrow')
    expect(localisationOf({ operation: 'edit_pi', pi_type: 'mc' }, injected)).toBeUndefined()
    expect(localisationOf({ operation: 'edit_pi', country: 'US' }, injected)).toBeUndefined()
  })

  it('an exact incident in the window is the detection; a second one on a descendant is a duplicate', () => {
    const m = matchIncidents([regression()], [incident(), incident({ id: 'i2', dimensions: { operation: 'edit_pi', country: 'CA', pi_type: 'mc' }, detectedMs: T0 + 5 * MIN })], 15 * MIN)
    expect(m.detections[0]).toEqual({ incident: 0, regression: 0, localisation: 'exact' })
    expect(m.duplicates).toEqual([1])
    expect(m.falseIncidents).toEqual([])
  })

  it('the earliest-detected matching incident is the detection, whatever the order given', () => {
    const late = incident({ id: 'late', detectedMs: T0 + 9 * MIN })
    const early = incident({ id: 'early', dimensions: { operation: 'edit_pi' }, detectedMs: T0 + 2 * MIN })
    const m = matchIncidents([regression()], [late, early], 15 * MIN)
    expect(m.detections[0]).toEqual({ incident: 1, regression: 0, localisation: 'too_broad' })
    expect(m.duplicates).toEqual([0])
  })

  it('wrong type, wrong traffic direction, unrelated dimensions or no time overlap make a false incident', () => {
    const regs = [regression(), regression({ id: 'drop', type: 'traffic', direction: 'down', dimensions: { region: 'eastus' } })]
    const incidents = [
      incident({ type: 'user_errors' }),
      incident({ type: 'traffic', direction: 'increase', dimensions: { region: 'eastus' } }),
      incident({ dimensions: { operation: 'edit_pi', pi_type: 'mc' } }),
      incident({ startedMs: T0 - 30 * MIN, detectedMs: T0 - MIN }),
      incident({ startedMs: T0 + 80 * MIN, detectedMs: T0 + 90 * MIN }),
      incident({ type: 'traffic', direction: 'decrease', dimensions: { region: 'eastus', instance: 'eastus-07' } }),
    ]
    const m = matchIncidents(regs, incidents, 15 * MIN)
    expect(m.falseIncidents).toEqual([0, 1, 2, 3, 4])
    expect(m.detections[1]).toEqual({ incident: 5, regression: 1, localisation: 'too_narrow' })
    expect(m.detections[0]).toBeUndefined()
  })

  it('a detection shortly after the end counts (grace); an estimated start before the injection still overlaps', () => {
    const m = matchIncidents([regression()], [incident({ startedMs: T0 + 50 * MIN, detectedMs: T0 + 70 * MIN }), incident({ id: 'early-start', startedMs: T0 - 20 * MIN, detectedMs: T0 + 2 * MIN })], 15 * MIN)
    expect(m.falseIncidents).toEqual([])
    expect(m.detections[0]?.incident).toBe(1)
  })

  it('an incident matching two regressions counts once, for the exact one', () => {
    const regs = [regression({ id: 'broad', dimensions: { operation: 'edit_pi' } }), regression({ id: 'exact' })]
    const m = matchIncidents(regs, [incident()], 15 * MIN)
    expect(m.detections[0]).toBeUndefined()
    expect(m.detections[1]?.localisation).toBe('exact')
  })

  it('leaves overlap unless a value conflicts (an instance pins its region)', () => {
    expect(leavesOverlap({ country: 'CA' }, { pi_type: 'mc' })).toBe(true)
    expect(leavesOverlap({ country: 'CA' }, { country: 'US' })).toBe(false)
    expect(leavesOverlap({ instance: 'eastus-07' }, { region: 'westus2' })).toBe(false)
    expect(leavesOverlap({ instance: 'eastus-07' }, { region: 'eastus', operation: 'add_pi' })).toBe(true)
  })
})

describe('scores', () => {
  it('counts requests in a closed window of sorted times', () => {
    const times = Float64Array.from([1, 2, 2, 3, 5, 8])
    expect(countInWindow(times, 2, 5)).toBe(4)
    expect(countInWindow(times, 0, 1)).toBe(1)
    expect(countInWindow(times, 6, 7)).toBe(0)
    expect(countInWindow(times, 9, 10)).toBe(0)
  })

  it('nearest-rank p90 and per-day rates', () => {
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9)
    expect(quantile([5], 0.9)).toBe(5)
    expect(quantile([], 0.9)).toBeNaN()
    expect(perDay(14, 7 * 1440)).toBe(2)
  })

  it('summarises a class: detected share, localisation, time to detect against the bound', () => {
    const base = { source: 'random', cls: 'system_errors' as const, dimensions: {}, expectedRpm: 3, effect: '1% → 20%', duplicates: 0 }
    const outcomes: RegressionOutcome[] = [
      { ...base, id: 'a', bound: { sprt: 20, fixed: 40 }, detected: true, localisation: 'exact', requestsToDetect: 30, lagMinutes: 10, engineRequests: 25 },
      { ...base, id: 'b', bound: { sprt: 10, fixed: 20 }, detected: true, localisation: 'too_broad', requestsToDetect: 10, lagMinutes: 2, engineRequests: 9, duplicates: 2 },
      { ...base, id: 'c', bound: { sprt: 30, fixed: 60 }, detected: false },
    ]
    const s = summarise('x', outcomes)
    expect(s).toMatchObject({ injected: 3, detected: 2, ttdMean: 20, ttdP90: 30, boundMean: 20, exact: 1, tooBroad: 1, tooNarrow: 0, lagMeanMin: 6, duplicates: 2, fixedMean: 40 })
    expect(s.ratioMedian).toBe(1)
  })
})

describe('bounds from the guide', () => {
  it("reproduces the guide's table: 1% → 20% needs 23.4 (SPRT) and 45 (fixed test) at α = 1e-5", () => {
    const b = rateBound(0.01, 0.2)
    expect(b?.sprt).toBeCloseTo(23.4, 1)
    expect(b?.fixed).toBe(45)
    expect(rateBound(0.05, 0.5)?.sprt).toBeCloseTo(12.1, 1)
    expect(rateBound(0.2, 0.1)).toBeUndefined()
  })

  it('a traffic drop to zero needs ln(1/α) = 11.5 missing expected requests', () => {
    expect(poissonKl(0)).toBe(1)
    expect(trafficBound(0)?.sprt).toBeCloseTo(11.51, 2)
    expect(trafficBound(1)).toBeUndefined()
    expect(trafficBound(5)?.sprt).toBeGreaterThan(5)
  })
})
