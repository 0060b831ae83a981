import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, multipart, sampleCsv, type TestApp } from '../helper.js'

describe('thresholds and evaluation (001)', () => {
  let t: TestApp
  let datasetId = ''
  beforeAll(async () => {
    t = await buildTestApp()
    datasetId = (await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('d.csv', sampleCsv(600)) })).json().dataset_id
  })
  afterAll(async () => t.close())
  const train = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/train/${datasetId}`, payload: { target_column: 'price', ...payload } })

  it('with labels: holds out the latest rows, recommends the F1-best threshold, and reports 001’s table', async () => {
    const res = await train({ label_column: 'is_anomaly', threshold: { objective: 'f1' } })
    expect(res.statusCode, res.body).toBe(200)
    const stats = res.json().training_stats
    expect(stats.threshold_method).toBe('f1')
    expect(stats.evaluation.split).toMatch(/^time, 180 of 600 rows held out/)
    expect(stats.n_samples).toBe(420)
    const evaluation = (await t.app.inject({ url: `/models/${res.json().model_id}/evaluation` })).json()
    expect(evaluation.rows).toBe(180)
    expect(evaluation.chosen.threshold).toBe(stats.threshold)
    expect(evaluation.recommended.threshold).toBe(stats.threshold)
    expect(evaluation.chosen.f1).toBeGreaterThanOrEqual(evaluation.baseline.f1)
    expect(evaluation.roc_curve[0]).toMatchObject({ fpr: 0, tpr: 0 })
    expect(evaluation.threshold_table.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['baseline (contamination)', 'recommended (max F1)', 'chosen (f1)']))
    for (const row of evaluation.threshold_table) expect(Object.keys(row)).toEqual(expect.arrayContaining(['threshold', 'precision', 'recall', 'f1', 'alert_rate']))
  })

  it('changes the threshold without retraining: a new version records who, when, old and new', async () => {
    const model = (await train({ label_column: 'is_anomaly' })).json()
    const changed = await t.app.inject({
      method: 'PUT',
      url: `/models/${model.model_id}/threshold`,
      payload: { threshold: 0.7, changed_by: 'alice', reason: 'fewer night alerts' },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    const v2 = changed.json()
    expect(v2).toMatchObject({ version: 2, parent: { version: 1 }, training_stats: { threshold: 0.7, threshold_method: 'manual' } })
    expect(v2.change).toMatchObject({ type: 'threshold', from: model.training_stats.threshold, to: 0.7, changed_by: 'alice', reason: 'fewer night alerts' })
    expect(v2.params).toEqual(model.params)
    const pred = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: model.model_id, data: { price: 130, volume: 1000, amount: 10000 } } })
    expect(pred.json().prediction.anomaly_threshold).toBe(0.7)
    // the same model state: the score does not change, only the decision
    const v1 = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: `${model.model_id}@1`, data: { price: 130, volume: 1000, amount: 10000 } } })
    expect(v1.json().prediction.anomaly_score).toBe(pred.json().prediction.anomaly_score)
    const byRecall = await t.app.inject({ method: 'PUT', url: `/models/${model.model_id}/threshold`, payload: { objective: 'recall', target: 0.9 } })
    expect(byRecall.json().training_stats.threshold_method).toBe('recall')
    expect(byRecall.json().training_stats.evaluation.recall).toBeGreaterThanOrEqual(0.9)
  })

  it('without labels: contamination by default, a label-free automatic rule on request, and 400/404 where labels are needed', async () => {
    const auto = await train({ threshold: { objective: 'auto' } })
    expect(auto.json().training_stats.threshold_method).toBe('auto')
    expect(auto.json().training_stats.anomaly_rate).toBeLessThan(0.1)
    const f1 = await train({ threshold: { objective: 'f1' } })
    expect(f1.statusCode).toBe(400)
    expect(f1.json().error).toMatch(/threshold.objective 'f1' needs labels: give label_column/)
    const none = await t.app.inject({ url: `/models/${auto.json().model_id}/evaluation` })
    expect(none.statusCode).toBe(404)
    expect(none.json().error).toMatch(/trained without a label column/)
  })
})
