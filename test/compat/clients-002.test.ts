import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, multipart, type TestApp } from '../helper.js'
import { pick, sample002, toCsv, type SampleRow } from './sample-002.js'

/**
 * The API driven exactly as 002's `example_usage.py` and
 * `supervised_example.py` drive it (their flow is in 002's README), reading
 * the same fields they read. BATCH_STREAM_ROWS=15 sends the 20-row batches
 * of the supervised script down the streamed (worker) path and keeps the
 * 10-row batch of the unsupervised one whole, so both answer forms are held
 * to 002's fields.
 */
describe("002's own clients", () => {
  let t: TestApp
  const prices = sample002({ labelled: false, anomalies: 20 })
  const labelled = sample002({ labelled: true, anomalies: 30, seed: 7 })
  beforeAll(async () => {
    t = await buildTestApp({ BATCH_STREAM_ROWS: '15' })
  })
  afterAll(async () => t?.close())

  const upload = async (name: string, rows: SampleRow[]) => {
    const res = await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart(name, toCsv(rows)) })
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }
  const post = async (url: string, payload: unknown) => {
    const res = await t.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> })
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }
  const training = { algorithm: 'isolation_forest', contamination: 0.1, target_column: 'price', feature_columns: ['volume'] }

  it('example_usage.py: health, upload, train, predict, predict-batch, models', async () => {
    expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200)
    const up = await upload('sample_data.csv', prices)
    expect(up.data_info).toEqual({
      filename: 'sample_data.csv',
      rows: 365,
      columns: 4,
      column_names: ['date', 'price', 'volume', 'instrument_id'],
      data_types: { date: 'datetime64[ns]', price: 'float64', volume: 'float64', instrument_id: 'object' },
      missing_values: { date: 0, price: 0, volume: 0, instrument_id: 0 },
      numeric_columns: ['price', 'volume'],
      categorical_columns: ['instrument_id'],
      datetime_columns: ['date'],
    })
    expect(up.message).toEqual(expect.any(String))
    expect(up.columns).toHaveLength(4) // Vigil's own fields stay

    const trained = await post(`/train/${up.dataset_id as string}`, training)
    const stats = trained.training_stats
    expect(stats).toMatchObject({ n_samples: 365, target_column: 'price', algorithm: 'isolation_forest', contamination: 0.1, supervised: false, feature_columns: ['price', 'volume'] })
    expect(stats.anomalies_detected).toBe(stats.anomaly_count)
    expect(stats.anomaly_rate).toBeCloseTo(0.1, 1)
    expect(stats.n_features).toBeGreaterThanOrEqual(2)
    expect(Date.parse(stats.training_date)).toBeGreaterThan(0)
    expect(stats.f1_score).toBeUndefined()

    const model_id = trained.model_id as string
    const normal = await post('/predict', { model_id, data: { price: 120.5, volume: 950 } })
    const odd = await post('/predict', { model_id, data: { price: 200.0, volume: 950 } })
    for (const r of [normal, odd]) {
      expect(r.prediction.score).toBe(-r.prediction.anomaly_score)
      expect(['high', 'medium', 'low']).toContain(r.prediction.confidence)
      expect(Date.parse(r.timestamp)).toBeGreaterThan(0)
    }
    expect(odd.prediction.is_anomaly).toBe(true)
    expect(odd.prediction.confidence).toBe('high')
    // score_samples' orientation: lower = more anomalous
    expect(odd.prediction.score).toBeLessThan(normal.prediction.score)

    const batch = (await post('/predict-batch', { model_id, data: pick(prices, 10) })).predictions
    expect(batch.predictions).toEqual(batch.results.map((r: { is_anomaly: boolean }) => r.is_anomaly))
    expect(batch.scores).toEqual(batch.results.map((r: { anomaly_score: number }) => -r.anomaly_score))
    expect(batch.anomaly_count).toBe(batch.predictions.filter(Boolean).length)
    expect(batch.anomaly_rate).toBe(batch.anomaly_count / 10)

    const list = (await t.app.inject({ url: '/models' })).json()
    expect(list.count).toBe(list.models.length)
    expect(list.models).toContainEqual(expect.objectContaining({ model_id, algorithm: 'isolation_forest', target_column: 'price', created_at: expect.any(String) }))
  })

  it('supervised_example.py: random forest with labels against an isolation forest, batches streamed', async () => {
    const up = await upload('labeled_data.csv', labelled)
    expect(up.data_info).toMatchObject({ rows: 365, columns: 5, numeric_columns: ['price', 'volume', 'is_anomaly'] })
    const supervised = await post(`/train/${up.dataset_id as string}`, { ...training, algorithm: 'random_forest', label_column: 'is_anomaly' })
    const s = supervised.training_stats
    expect(s.supervised).toBe(true)
    for (const key of ['f1_score', 'precision', 'recall']) expect(s[key], key).toBeGreaterThanOrEqual(0)
    expect(s.f1_score).toBe(s.evaluation.f1)
    expect(s.true_anomalies).toBe(s.evaluation.confusion_matrix.tp + s.evaluation.confusion_matrix.fn)
    expect(s.predicted_anomalies).toBe(s.evaluation.confusion_matrix.tp + s.evaluation.confusion_matrix.fp)
    const unsupervised = await post(`/train/${up.dataset_id as string}`, training)
    expect(unsupervised.training_stats.anomalies_detected).toEqual(expect.any(Number))

    const rows = pick(labelled, 20)
    for (const model of [supervised, unsupervised]) {
      const res = await t.app.inject({ method: 'POST', url: '/predict-batch', payload: { model_id: model.model_id, data: rows } })
      expect(res.statusCode, res.body).toBe(200)
      expect(res.headers['transfer-encoding']).toBe('chunked') // the streamed answer
      const p = res.json().predictions
      expect(p.predictions).toHaveLength(20)
      expect(p.scores).toHaveLength(20)
      expect(p.anomaly_count).toBe(p.predictions.filter(Boolean).length)
    }
    const ndjson = await t.app.inject({ method: 'POST', url: '/predict-batch', headers: { accept: 'application/x-ndjson' }, payload: { model_id: supervised.model_id, data: rows } })
    const last = JSON.parse(ndjson.body.trim().split('\n').at(-1) as string)
    expect(last.summary.predictions.scores).toHaveLength(20)
    expect(last.summary.predictions.scores.every((p: number) => p >= 0 && p <= 1)).toBe(true)

    const known = labelled.find((r) => r.is_anomaly === 1) as SampleRow
    const one = await post('/predict', { model_id: supervised.model_id, data: { price: known.price, volume: known.volume } })
    // supervised: P(anomaly), Vigil's own score
    expect(one.prediction.score).toBe(one.prediction.anomaly_score)
    expect(['high', 'medium', 'low']).toContain(one.prediction.confidence)
  })

  it("the README's retrain then combine: original data plus the new dataset, with lineage", async () => {
    const first = await upload('data.csv', prices)
    const model = await post(`/train/${first.dataset_id as string}`, { ...training, feature_columns: undefined })
    const later = sample002({ labelled: false, anomalies: 5, seed: 3, start: '2024-01-01', days: 100 })
    const fresh = await upload('new_data.csv', later)
    const retrained = await post(`/models/${model.model_id as string}/retrain/${fresh.dataset_id as string}`, { algorithm: 'isolation_forest', contamination: 0.1, target_column: 'price' })
    expect(retrained).toMatchObject({ version: 2, total_records: 465, dataset: { rows: 465, source_dataset_ids: [first.dataset_id, fresh.dataset_id] } })
    expect(retrained.training_stats.n_samples).toBe(465)

    const combined = await post(`/models/${model.model_id as string}/combine/${fresh.dataset_id as string}`, {})
    expect(combined).toMatchObject({ total_records: 465, original_records: 365, new_records: 100, base_version: 1, source_dataset_ids: [first.dataset_id, fresh.dataset_id] })
    const manifest = (await t.app.inject({ url: `/datasets/${combined.combined_dataset_id as string}` })).json()
    expect(manifest).toMatchObject({ rows: 465, source_dataset_ids: [first.dataset_id, fresh.dataset_id] })
    const onCombined = await post(`/train/${combined.combined_dataset_id as string}`, training)
    expect(onCombined.training_stats.n_samples).toBe(465)

    // no row counted twice: the combined dataset already holds version 2's data, version 3's holds the new dataset
    const v3 = await post(`/models/${model.model_id as string}/retrain/${combined.combined_dataset_id as string}`, {})
    expect(v3).toMatchObject({ version: 3, total_records: 465, dataset: { dataset_id: combined.combined_dataset_id } })
    const v4 = await post(`/models/${model.model_id as string}/retrain/${fresh.dataset_id as string}`, {})
    expect(v4).toMatchObject({ version: 4, total_records: 465, dataset: { dataset_id: combined.combined_dataset_id } })

    // Vigil's own retrain, on the new dataset alone, is one field away
    const alone = await post(`/models/${model.model_id as string}/retrain/${fresh.dataset_id as string}`, { keep_previous_data: false })
    expect(alone).toMatchObject({ version: 5, total_records: 100, dataset: { dataset_id: fresh.dataset_id, rows: 100 } })
    const info = (await t.app.inject({ url: `/models/${model.model_id as string}` })).json()
    expect(info.training_stats.anomaly_rate).toEqual(expect.any(Number))
    expect((await t.app.inject({ method: 'POST', url: `/models/${model.model_id as string}/load` })).statusCode).toBe(200)
  })
})
