import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { calibrate, probability } from '../../src/detectors/calibration.js'
import { registry } from '../../src/detectors/registry.js'
import { rocAuc } from '../../src/math/metrics.js'
import { plantedAnomalies } from './planted.js'

/** The contract every registered detector keeps (PyOD's shared detector checks). */
describe.each(registry.list().map((p) => [p.id, p] as const))('%s contract', (_id, plugin) => {
  // supervised models learn the planted side from the labels (one side, so linear models can too);
  // unsupervised ones see anomalies scattered on both sides, as local-density methods expect
  const { X, y } = plantedAnomalies(600, 5, 0.05, 3, plugin.supervised)
  const params = Value.Default(plugin.params, {}) as Record<string, unknown>
  const train = { X, featureNames: ['a', 'b', 'c', 'd', 'e'], seed: 11, ...(plugin.supervised ? { y } : {}) }

  it('has parameter defaults that validate', () => {
    expect(Value.Check(plugin.params, params)).toBe(true)
  })

  it('scores one finite value per row, higher for planted anomalies (AUROC >= 0.8)', async () => {
    const scores = (await plugin.fit(train, params)).score(X)
    expect(scores).toHaveLength(X.rows)
    expect(scores.every(Number.isFinite)).toBe(true)
    expect(rocAuc(scores, y)).toBeGreaterThanOrEqual(0.8)
  })

  it('gives probabilities in [0, 1] through the shared calibration', async () => {
    const scores = (await plugin.fit(train, params)).score(X)
    const c = calibrate(scores, 0.05)
    for (const s of scores) {
      const p = probability(s, c)
      expect(p).toBeGreaterThanOrEqual(0)
      expect(p).toBeLessThanOrEqual(1)
    }
    expect(probability(c.max * 10 + 1, c)).toBe(1)
  })

  it('round-trips through JSON text to identical scores', async () => {
    const fitted = await plugin.fit(train, params)
    const state: unknown = JSON.parse(JSON.stringify(fitted.toJSON()))
    const restored = plugin.fromJSON(state, params)
    expect(restored.score(X)).toEqual(fitted.score(X))
  })

  it('refuses NaN and Infinity before fitting, naming the column', async () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const data = X.data.slice()
      data[7 * X.cols + 2] = bad
      await expect(plugin.fit({ ...train, X: { ...X, data } }, params)).rejects.toThrow(/non-finite values: 'c' is .* at row 7/)
    }
  })

  it('gives the same scores for the same seed', async () => {
    const a = (await plugin.fit(train, params)).score(X)
    const b = (await plugin.fit(train, params)).score(X)
    expect(a).toEqual(b)
  })
})
