import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, multipart, type TestApp } from '../helper.js'

/** A seeded generator of N(0, 1) draws. */
function gaussian(seed: number): () => number {
  let s = seed
  const rand = (): number => {
    s = (s * 1664525 + 1013904223) % 4294967296
    return s / 4294967296
  }
  return () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand())
}

/**
 * Sensor readings with no time column: independent rows, 3% planted faults
 * that show as a few extreme pressure and vibration values, a constant column,
 * and a 0/1 `label` column marking the faults (named like a label, not given
 * as label_column).
 */
function sensorCsv(rows = 600): string {
  const g = gaussian(11)
  const lines = ['temperature,pressure,vibration,firmware,label']
  for (let i = 0; i < rows; i++) {
    const fault = i % 33 === 5 ? 1 : 0
    const temperature = 60 + 2 * g()
    const pressure = 1.0 + 0.01 * g() + (fault ? 4 : 0)
    const vibration = 0.2 + 0.02 * g() + (fault ? 9 : 0)
    lines.push(`${temperature.toFixed(3)},${pressure.toFixed(4)},${vibration.toFixed(4)},7,${fault}`)
  }
  return `${lines.join('\n')}\n`
}

describe('defaults a new user can trust (issue 14, items 1-4)', () => {
  let t: TestApp
  let sensors = ''
  beforeAll(async () => {
    t = await buildTestApp()
    sensors = (await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('sensors.csv', sensorCsv()) })).json().dataset_id
  })
  afterAll(async () => t.close())
  const train = (dataset: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/train/${dataset}`, payload })

  it('builds no lags or rolling windows over file order when rows have no time order, and says why', async () => {
    const res = await train(sensors, { algorithm: 'isolation_forest', contamination: 0.05, target_column: 'temperature', feature_columns: ['pressure', 'vibration'] })
    expect(res.statusCode, res.body).toBe(200)
    const { features } = res.json()
    expect(features.timestamp_column).toBeNull()
    expect(features.engineered).toEqual(['temperature', 'pressure', 'vibration'])
    expect(features.history_length).toBe(0)
    expect(features.dropped).toContainEqual(expect.objectContaining({ column: 'temperature', rule: 'no_time_order' }))
  })

  it('builds them when the request asks for lags, declaring the rows ordered', async () => {
    const res = await train(sensors, { target_column: 'temperature', feature_columns: ['pressure'], features: { lags: [1, 2] } })
    expect(res.statusCode, res.body).toBe(200)
    const { features } = res.json()
    expect(features.engineered).toEqual(expect.arrayContaining(['temperature__lag_1', 'temperature__lag_2', 'temperature__rolling_mean_7', 'temperature__diff']))
    expect(features.dropped.map((d: { rule: string }) => d.rule)).not.toContain('no_time_order')
  })

  it('builds them by default when a timestamp gives the rows their order (002: the target gets time-series features)', async () => {
    const lines = ['timestamp,price,volume']
    const g = gaussian(3)
    for (let i = 0; i < 200; i++) lines.push(`${new Date(Date.UTC(2024, 0, 1, i)).toISOString()},${(100 + g()).toFixed(2)},${Math.round(1000 + 50 * g())}`)
    const id = (await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('prices.csv', `${lines.join('\n')}\n`) })).json().dataset_id
    const res = await train(id, { target_column: 'price', feature_columns: ['volume'] })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().features.timestamp_column).toBe('timestamp')
    expect(res.json().features.engineered).toEqual(expect.arrayContaining(['price__lag_1', 'price__lag_7', 'price__zscore_48', 'price__diff']))
  })

  it('keeps columns whose few extreme values are the anomalies, drops only constant ones, and never uses a label-like column', async () => {
    const res = await train(sensors, { algorithm: 'isolation_forest' })
    expect(res.statusCode, res.body).toBe(200)
    const { features, feature_columns } = res.json()
    expect(feature_columns).toEqual(['temperature', 'pressure', 'vibration'])
    expect(features.dropped).toContainEqual({ column: 'firmware', rule: 'constant', value: 7, limit: 'at least two distinct values in the training rows' })
    expect(features.dropped).toContainEqual(expect.objectContaining({ column: 'label', rule: 'label_like', limit: expect.stringMatching(/label_column/) }))
    // the faults are found: they are the pressure/vibration extremes the old variance rule dropped
    const fault = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: res.json().model_id, data: { temperature: 60, pressure: 5, vibration: 9.2, firmware: 7 } } })
    expect(fault.statusCode, fault.body).toBe(200)
    expect(fault.json().prediction.is_anomaly).toBe(true)
  })

  it('uses a label-like or constant column when the request names it', async () => {
    const res = await train(sensors, { algorithm: 'isolation_forest', feature_columns: ['temperature', 'firmware', 'label'] })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().feature_columns).toEqual(['temperature', 'firmware', 'label'])
  })

  it('gives a supervised model the threshold that maximises F1 on held-out rows, whatever the contamination', async () => {
    const res = await train(sensors, { algorithm: 'random_forest', contamination: 0.01, target_column: 'temperature', feature_columns: ['pressure', 'vibration'], label_column: 'label' })
    expect(res.statusCode, res.body).toBe(200)
    const stats = res.json().training_stats
    expect(stats.threshold_method).toBe('f1')
    expect(stats.threshold).toBe(stats.evaluation.recommended_threshold)
    expect(stats.evaluation.precision).toBeGreaterThan(0.9)
    expect(stats.evaluation.recall).toBeGreaterThan(0.9)
    // stored as asked: a retrain with an unsupervised algorithm gets that algorithm's default again
    expect(res.json().threshold_options.objective).toBeUndefined()
  })

  it('applies contamination to a supervised model only when asked, and keeps it for unsupervised ones', async () => {
    const asked = await train(sensors, { algorithm: 'random_forest', contamination: 0.2, label_column: 'label', threshold: { objective: 'contamination' } })
    expect(asked.statusCode, asked.body).toBe(200)
    expect(asked.json().training_stats.threshold_method).toBe('contamination')
    const unsupervised = await train(sensors, { algorithm: 'isolation_forest', contamination: 0.05, label_column: 'label' })
    expect(unsupervised.statusCode, unsupervised.body).toBe(200)
    expect(unsupervised.json().training_stats.threshold_method).toBe('contamination')
  })
})
