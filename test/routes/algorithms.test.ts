import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registry } from '../../src/detectors/registry.js'
import { buildTestApp, multipart, sampleCsv, type TestApp } from '../helper.js'

/** Every registered algorithm, through 002's endpoints: train, predict one row, predict a batch, with explanations. */
describe('every algorithm through the API', () => {
  let t: TestApp
  let datasetId = ''
  beforeAll(async () => {
    t = await buildTestApp()
    datasetId = (await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('d.csv', sampleCsv(400)) })).json().dataset_id
  })
  afterAll(async () => t.close())

  it.each(registry.list().map((p) => [p.id, p.supervised] as const))('%s trains and predicts', async (algorithm, supervised) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/train/${datasetId}`,
      payload: { algorithm, contamination: 0.05, target_column: 'price', feature_columns: ['volume', 'amount'], label_column: 'is_anomaly' },
    })
    expect(res.statusCode, res.body).toBe(200)
    const model = res.json()
    expect(model).toMatchObject({ algorithm, label_column: 'is_anomaly' })
    expect(model.training_stats.evaluation.roc_auc).toBeGreaterThan(0.8)
    const spike = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: model.model_id, data: { price: 260, volume: 1000, amount: 10000 } } })
    expect(spike.statusCode, spike.body).toBe(200)
    expect(spike.json().prediction.is_anomaly).toBe(true)
    expect(spike.json().prediction.explanation.length).toBeGreaterThan(10)
    const batch = await t.app.inject({
      method: 'POST',
      url: '/predict-batch',
      payload: { model_id: model.model_id, data: [{ price: 100, volume: 1000, amount: 10000 }, { price: 101, volume: 990, amount: 10100 }] },
    })
    expect(batch.json().predictions.total).toBe(2)
    // for 20 rows: an anomaly's explanation names first the feature with the largest contribution
    const plain = await t.app.inject({
      method: 'POST',
      url: `/train/${datasetId}`,
      payload: { algorithm, contamination: 0.3, feature_columns: ['price', 'volume', 'amount'], label_column: 'is_anomaly', features: false },
    })
    for (let k = 0; k < 20; k++) {
      const data = { price: 100 + (k % 5) * 30, volume: 1000 + ((k * 37) % 7) * 120, amount: 10000 + ((k * 53) % 9) * 700 }
      const res = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: plain.json().model_id, data } })
      const p = res.json().prediction
      if (!p.is_anomaly) continue
      const entries = Object.entries(p.feature_deviations as Record<string, { contribution: number }>)
      const top = entries.reduce((a, b) => (Math.abs(b[1].contribution) > Math.abs(a[1].contribution) ? b : a))
      expect(p.explanation.startsWith(`${top[0]} `), `${algorithm}: ${p.explanation} / top ${top[0]}`).toBe(true)
    }
    if (supervised) {
      const unlabelled = await t.app.inject({ method: 'POST', url: `/train/${datasetId}`, payload: { algorithm, target_column: 'price' } })
      expect(unlabelled.statusCode).toBe(400)
      expect(unlabelled.json().error).toMatch(/is supervised: give label_column/)
    }
  })
})
