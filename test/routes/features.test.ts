import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, multipart, type TestApp } from '../helper.js'

/** CloudTrail-like events: nested JSON, text fields, a per-user series. */
function events(n: number): string {
  const rows = []
  for (let i = 0; i < n; i++) {
    rows.push({
      eventTime: new Date(Date.UTC(2024, 7, 1, i % 24, i % 60)).toISOString(),
      eventSource: i % 3 === 0 ? 'iam.amazonaws.com' : 's3.amazonaws.com',
      eventName: ['GetObject', 'PutObject', 'ListBuckets', 'CreateUser'][i % 4],
      userIdentity: { type: i % 5 === 0 ? 'Root' : 'IAMUser', userName: `user${i % 6}` },
      bytes: 1000 + (i % 17) * 13,
      requestId: `req-${i}`,
    })
  }
  return rows.map((r) => JSON.stringify(r)).join('\n')
}

describe('feature engineering through the API', () => {
  let t: TestApp
  let datasetId = ''
  beforeAll(async () => {
    t = await buildTestApp()
    datasetId = (await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('events.jsonl', events(300)) })).json().dataset_id
  })
  afterAll(async () => t.close())

  it('encodes text and nested fields, detects the time, drops identifiers, and reports it all', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/train/${datasetId}`,
      payload: { target_column: 'bytes', features: { series_column: 'userIdentity.userName' } },
    })
    expect(res.statusCode, res.body).toBe(200)
    const { features, feature_columns } = res.json()
    expect(features.timestamp_column).toBe('eventTime')
    expect(features.series_column).toBe('userIdentity.userName')
    expect(feature_columns).toEqual(['bytes', 'eventSource', 'eventName', 'userIdentity.type'])
    expect(features.engineered).toEqual(expect.arrayContaining(['eventSource=s3.amazonaws.com', 'userIdentity.type=Root', 'bytes__lag_1', 'bytes__zscore_14']))
    // the events cover less than a day: no calendar part can repeat, so none is generated, and each is reported
    expect(features.engineered).not.toContain('hour')
    expect(features.dropped).toContainEqual(expect.objectContaining({ column: 'hour', rule: 'time_span' }))
    expect(features.dropped).toContainEqual({ column: 'requestId', rule: 'identifier', value: 300, limit: 'fewer distinct values than rows' })

    const model = res.json().model_id
    const event = { eventsource: 's3.amazonaws.com', eventName: 'CreateUser', userIdentity: { type: 'Root', userName: 'user1' }, bytes: 99999, eventTime: '2024-08-02T03:00:00Z' }
    const pred = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: model, data: event } })
    expect(pred.statusCode, pred.body).toBe(200)
    expect(pred.json().model_info).toMatchObject({ features_used_count: 6, features_found_in_event: 6 })
    expect(pred.json().prediction.missing_features).toEqual([])
    expect(pred.json().prediction.is_anomaly).toBe(true)

    // history sent with the request replaces the stored tail: a steady history makes the same bytes stand out less than a jump
    const steady = Array.from({ length: 14 }, (_, k) => ({ ...event, bytes: 99990 + k, eventTime: `2024-08-02T02:${String(k).padStart(2, '0')}:00Z` }))
    const withHistory = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: model, data: event, history: steady } })
    expect(withHistory.statusCode, withHistory.body).toBe(200)
    expect(withHistory.json().prediction.anomaly_score).not.toBe(pred.json().prediction.anomaly_score)
  })

  it('"features": false trains on the numeric columns only', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/train/${datasetId}`, payload: { features: false } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().features).toMatchObject({ config: false, engineered: ['bytes'], timestamp_column: null, history_length: 0 })
  })

  it('refuses unknown feature settings and unknown series columns with a 400', async () => {
    const bad = await t.app.inject({ method: 'POST', url: `/train/${datasetId}`, payload: { features: { lagz: [1] } } })
    expect(bad.statusCode).toBe(400)
    const series = await t.app.inject({ method: 'POST', url: `/train/${datasetId}`, payload: { features: { series_column: 'host' } } })
    expect(series.statusCode).toBe(400)
    expect(series.json().error).toMatch(/features.series_column 'host' is not a column/)
  })
})
