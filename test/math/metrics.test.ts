import { describe, expect, it } from 'vitest'
import { averagePrecision, confusion, rocAuc } from '../../src/math/metrics.js'
import { quantile, summarize } from '../../src/math/stats.js'
import { decodeArray, encodeArray } from '../../src/math/typed-array-codec.js'

describe('metrics', () => {
  it('matches scikit-learn on a small example with ties', () => {
    const y = [0, 0, 1, 1, 0, 1]
    const s = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9]
    // sklearn.metrics.roc_auc_score(y, s) = 0.7777777777777778
    expect(rocAuc(s, y)).toBeCloseTo(0.7777777777777778, 12)
    // sklearn.metrics.average_precision_score(y, s) = 0.8666666666666667
    expect(averagePrecision(s, y)).toBeCloseTo(0.8666666666666667, 12)
  })

  it('is NaN when a class is missing', () => {
    expect(rocAuc([1, 2], [0, 0])).toBeNaN()
    expect(averagePrecision([1, 2], [0, 0])).toBeNaN()
  })

  it('counts a confusion matrix', () => {
    expect(confusion([1, 1, 0, 0], [1, 0, 1, 0])).toEqual({ tp: 1, fp: 1, fn: 1, tn: 1 })
  })
})

describe('stats', () => {
  it('summarises with population std and numpy-style quantiles', () => {
    expect(summarize([1, 2, 3, 4])).toEqual({ count: 4, min: 1, max: 4, mean: 2.5, std: Math.sqrt(1.25) })
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12)
  })
})

describe('typed array codec', () => {
  it('round-trips exactly through JSON', () => {
    const a = Float64Array.from([0.1, -0, Math.PI, 1e-300, Number.MAX_VALUE])
    const back = decodeArray(JSON.parse(JSON.stringify(encodeArray(a))), 'float64')
    expect(Array.from(back)).toEqual(Array.from(a))
    expect(() => decodeArray(encodeArray(Int32Array.from([1])), 'float64')).toThrow(/dtype 'int32', expected 'float64'/)
  })
})
