import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, multipart, sampleCsv, type TestApp } from '../helper.js'

/** 002's README, step by step, through the real app. */
describe('the 002 flow', () => {
  let t: TestApp
  let datasetId = ''
  let modelId = ''
  let storage = ''
  beforeAll(async () => {
    storage = await mkdtemp(path.join(tmpdir(), 'vigil-flow-'))
    t = await buildTestApp({}, storage)
  })
  afterAll(async () => {
    await t.close()
    await rm(storage, { recursive: true, force: true })
  })

  it('uploads a CSV and profiles it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('data.csv', sampleCsv()) })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    datasetId = body.dataset_id
    expect(body.rows).toBe(400)
    expect(body.format).toBe('csv')
    expect(body.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(body.columns.map((c: { name: string }) => c.name)).toEqual(['timestamp', 'price', 'volume', 'amount', 'is_anomaly'])
    const price = body.profile.find((p: { name: string }) => p.name === 'price')
    expect(price).toMatchObject({ kind: 'numeric', count: 400, missing: 0 })
    expect(price.mean).toBeGreaterThan(100)
    const detail = await t.app.inject({ url: `/datasets/${datasetId}` })
    expect(detail.json().profile).toEqual(body.profile)
    expect((await t.app.inject({ url: '/datasets' })).json().count).toBe(1)
  })

  it('trains isolation_forest with contamination and feature_columns', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/train/${datasetId}`,
      payload: { algorithm: 'isolation_forest', contamination: 0.1, target_column: 'price', feature_columns: ['volume', 'amount'] },
    })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    modelId = body.model_id
    expect(body).toMatchObject({ algorithm: 'isolation_forest', version: 1, contamination: 0.1, feature_columns: ['price', 'volume', 'amount'] })
    expect(body.training_stats.anomaly_rate).toBeCloseTo(0.1, 2)
    expect(body.dataset).toMatchObject({ dataset_id: datasetId, rows: 400 })
    // 002's automatic features: time parts of the detected timestamp, lags and rolling statistics of the target
    expect(body.features).toMatchObject({ timestamp_column: 'timestamp', series_column: null, history_length: 48 })
    expect(body.features.engineered).toEqual(
      expect.arrayContaining(['price', 'volume', 'amount', 'hour', 'day_of_week', 'is_weekend', 'price__lag_1', 'price__lag_7', 'price__rolling_mean_14', 'price__rolling_std_48', 'price__zscore_14', 'price__diff']),
    )
    // 400 hourly rows span 16.6 days: too short for month to repeat, so it is left out and reported
    expect(body.features.engineered).not.toContain('month')
    expect(body.features.dropped).toContainEqual({ column: 'month', rule: 'time_span', value: 16.63, limit: '>= 730 days of training data (two full periods)' })
  })

  it('predicts one row and a batch with 002 field names', async () => {
    const one = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: modelId, data: { price: 120.5, volume: 950, amount: 10000 } } })
    expect(one.statusCode).toBe(200)
    const p = one.json().prediction
    expect(typeof p.is_anomaly).toBe('boolean')
    expect(p.anomaly_probability).toBeGreaterThanOrEqual(0)
    expect(p.anomaly_probability).toBeLessThanOrEqual(1)
    // inputs: price, volume, amount and the detected timestamp (which this event lacks)
    expect(one.json().model_info).toMatchObject({ features_used_count: 4, features_found_in_event: 3, training_samples: 400 })
    expect(p.missing_features).toEqual(['timestamp'])

    const batch = await t.app.inject({
      method: 'POST',
      url: '/predict-batch',
      payload: {
        model_id: modelId,
        data: [
          { price: 100.5, volume: 1000, amount: 10000 },
          { price: 99.2, volume: 1010, amount: 10100 },
          { price: 200.0, volume: 950, amount: 10000 },
        ],
      },
    })
    expect(batch.statusCode).toBe(200)
    const preds = batch.json().predictions
    expect(preds.total).toBe(3)
    // a batch is a sequence: each row's lags and windows see the rows before it
    expect(preds.results.map((r: { is_anomaly: boolean }) => r.is_anomaly)).toEqual([false, false, true])
    expect(preds.anomaly_count).toBe(1)
  })

  it('explains a prediction (000), honours a threshold override, and skips explanations on request', async () => {
    const spike = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: modelId, data: { price: 190, volume: 1000, amount: 10000 } } })
    const p = spike.json().prediction
    expect(p.is_anomaly).toBe(true)
    expect(p.explanation).toMatch(/^price /)
    expect(p.feature_deviations.price).toMatchObject({ type: 'numerical', value: 190, deviation_level: 'rare' })
    expect(p.feature_deviations.price.z_score).toBeGreaterThan(5)
    expect(p.feature_deviations.volume.deviation_level).toBe('normal')
    const lenient = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: modelId, data: { price: 190, volume: 1000, amount: 10000 }, anomaly_threshold: 0.99 } })
    expect(lenient.json().prediction).toMatchObject({ is_anomaly: false, anomaly_threshold: 0.99 })
    const quick = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: modelId, data: { price: 190 }, explain: false } })
    expect(quick.json().prediction.explanation).toBeUndefined()
    expect(quick.json().prediction.feature_deviations).toBeUndefined()
  })

  it('imputes a missing feature with the training median and says so', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: modelId, data: { price: 100 } } })
    expect(res.statusCode).toBe(200)
    expect(res.json().prediction.missing_features).toEqual(['volume', 'amount', 'timestamp'])
    expect(res.json().model_info.features_found_in_event).toBe(1)
  })

  it('gets, lists and loads the model', async () => {
    const info = (await t.app.inject({ url: `/models/${modelId}` })).json()
    expect(info.algorithm).toBe('isolation_forest')
    expect(info.training_stats.anomaly_rate).toBeGreaterThan(0)
    const list = (await t.app.inject({ url: '/models' })).json()
    expect(list.models.map((m: { model_id: string }) => m.model_id)).toContain(modelId)
    const load = await t.app.inject({ method: 'POST', url: `/models/${modelId}/load` })
    expect(load.json()).toMatchObject({ model_id: modelId, version: 1, loaded: true })
  })

  it('retrains into a new version with lineage, and predicts with name@version and aliases', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/models/${modelId}/retrain/${datasetId}`,
      payload: { algorithm: 'isolation_forest', contamination: 0.05, target_column: 'price' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ version: 2, parent: { model_id: modelId, version: 1 }, contamination: 0.05, feature_columns: ['price', 'volume', 'amount'] })
    const bare = await t.app.inject({ method: 'POST', url: `/models/${modelId}/retrain/${datasetId}` })
    expect(bare.json()).toMatchObject({ version: 3, contamination: 0.05, parent: { version: 2 }, label_column: null })

    const alias = await t.app.inject({ method: 'PUT', url: `/models/${modelId}/aliases/production`, payload: { version: 1 } })
    expect(alias.json().aliases).toEqual({ production: 1 })
    const viaAlias = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: `${modelId}@production`, data: { price: 100, volume: 1000, amount: 10000 } } })
    expect(viaAlias.json().version).toBe(1)
    const viaField = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: modelId, version: 2, data: { price: 100 } } })
    expect(viaField.json().version).toBe(2)
    const latest = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: modelId, data: { price: 100 } } })
    expect(latest.json().version).toBe(3)
    const versions = (await t.app.inject({ url: `/models/${modelId}/versions` })).json()
    expect(versions.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3])
    expect((await t.app.inject({ url: `/models/${modelId}/versions/production` })).json().version).toBe(1)
  })

  it('evaluates against a label column, and retrains without it when told label_column: null', async () => {
    const labelled = await t.app.inject({ method: 'POST', url: `/train/${datasetId}`, payload: { target_column: 'price', label_column: 'is_anomaly' } })
    const body = labelled.json()
    expect(body.feature_columns).not.toContain('is_anomaly')
    expect(body.training_stats.evaluation.roc_auc).toBeGreaterThan(0.9)
    const unlabelled = await t.app.inject({ method: 'POST', url: `/models/${body.model_id}/retrain/${datasetId}`, payload: { label_column: null } })
    expect(unlabelled.statusCode).toBe(200)
    expect(unlabelled.json()).toMatchObject({ version: 2, label_column: null })
    expect(unlabelled.json().training_stats.evaluation).toBeUndefined()
    await t.app.inject({ method: 'DELETE', url: `/models/${body.model_id}` })
  })

  it('combines datasets into a new immutable one', async () => {
    const second = await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('more.csv', sampleCsv(100, 9)) })
    const secondId = second.json().dataset_id
    const res = await t.app.inject({ method: 'POST', url: `/models/${modelId}/combine/${secondId}` })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.rows).toBe(500)
    expect(body.source_dataset_ids).toEqual([datasetId, secondId])
    const combined = (await t.app.inject({ url: `/datasets/${body.combined_dataset_id}` })).json()
    expect(combined.source_dataset_ids).toEqual([datasetId, secondId])
    const retrained = await t.app.inject({ method: 'POST', url: `/models/${modelId}/combine/${secondId}?retrain=true` })
    expect(retrained.json().model).toMatchObject({ version: 4, parent: { version: 3 }, dataset: { rows: 500, source_dataset_ids: [datasetId, secondId] } })
    const self = await t.app.inject({ method: 'POST', url: `/models/${modelId}@1/combine/${datasetId}` })
    expect(self.statusCode).toBe(400)
    expect(self.json().error).toMatch(/combining it with itself would only duplicate rows/)
  })

  it('survives a restart: datasets, models, versions and aliases', async () => {
    await t.close()
    const again = await buildTestApp({}, storage)
    t = again
    {
      const info = (await again.app.inject({ url: `/models/${modelId}` })).json()
      expect(info.versions).toEqual([1, 2, 3, 4])
      expect(info.aliases).toEqual({ production: 1 })
      expect((await again.app.inject({ url: `/datasets/${datasetId}` })).statusCode).toBe(200)
      const pred = await again.app.inject({ method: 'POST', url: '/predict', payload: { model_id: `${modelId}@production`, data: { price: 200, volume: 950, amount: 10000 } } })
      expect(pred.json().prediction.is_anomaly).toBe(true)
      const del = await again.app.inject({ method: 'DELETE', url: `/models/${modelId}` })
      expect(del.json()).toEqual({ model_id: modelId, deleted: true, versions_deleted: 4 })
      expect((await again.app.inject({ url: `/models/${modelId}` })).statusCode).toBe(404)
      expect((await again.app.inject({ method: 'DELETE', url: `/datasets/${datasetId}` })).json()).toEqual({ dataset_id: datasetId, deleted: true })
      expect((await again.app.inject({ url: `/datasets/${datasetId}` })).statusCode).toBe(404)
    }
  })
})
