import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { storageDigest } from '../fuzz/fuzz-session.js'
import { buildTestApp, multipart, sampleCsv, type TestApp } from '../helper.js'

/**
 * Issue 15's findings on request bodies, and issue 14 item 7's: each a 4xx
 * with the project's error body (bounded in size), storage byte for byte as
 * it was.
 */
describe('hostile request bodies', () => {
  let t: TestApp
  let datasetId = ''
  let modelId = ''
  beforeAll(async () => {
    t = await buildTestApp({ MAX_UPLOAD_SIZE: '64MB' })
    datasetId = (await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('data.csv', sampleCsv(200)) })).json<{ dataset_id: string }>().dataset_id
    const trained = await t.app.inject({ method: 'POST', url: `/train/${datasetId}`, payload: { target_column: 'price', feature_columns: ['volume', 'amount'] } })
    modelId = trained.json<{ model_id: string }>().model_id
  })
  afterAll(async () => t.close())

  const json = (method: 'POST' | 'PUT', url: string, payload: string | Buffer): InjectOptions => ({ method, url, payload, headers: { 'content-type': 'application/json' } })

  async function refused(request: InjectOptions, status: number, message: RegExp): Promise<Record<string, unknown>> {
    const before = await storageDigest(t.storage)
    const res = await t.app.inject(request)
    expect(res.statusCode, res.body.slice(0, 500)).toBe(status)
    expect(res.body.length).toBeLessThan(2500)
    const body = res.json<Record<string, unknown>>()
    expect(body.error).toMatch(message)
    expect(body.status_code).toBe(status)
    expect(await storageDigest(t.storage)).toEqual(before)
    return body
  }

  it('a JSON body nested 100,000 levels (500 "Maximum call stack size exceeded" before) → 400 naming MAX_JSON_DEPTH, on every JSON route', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`
    const arrays = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    const routes: [('POST' | 'PUT'), string, string][] = [
      ['POST', `/train/${datasetId}`, `{"params": ${deep}}`],
      ['POST', '/predict', `{"model_id": "${modelId}", "data": ${deep}}`],
      ['POST', '/predict-batch', `{"model_id": "${modelId}", "data": [${deep}]}`],
      ['POST', '/simulator/control', `{"action": "start", "config": ${deep}}`],
      ['PUT', `/models/${modelId}/threshold`, arrays],
    ]
    for (const [method, url, payload] of routes) {
      const body = await refused(json(method, url, payload), 400, /the JSON body nests arrays and objects more than 64 levels deep \(MAX_JSON_DEPTH\)/)
      expect(body).toMatchObject({ field: 'body', limit: 64 })
    }
  })

  it('prototype-pollution keys (refused as "not valid JSON" before) → 400 with their own message', async () => {
    await refused(json('POST', `/train/${datasetId}`, '{"__proto__": {"contamination": 0.3}}'), 400, /body.__proto__ is refused: .* \(prototype pollution\)/)
    await refused(json('POST', '/predict', `{"model_id": "${modelId}", "data": {"constructor": {"prototype": {"x": 1}}}}`), 400, /body.data.constructor.prototype is refused/)
    await refused(json('POST', '/predict', `{"model_id": "${modelId}", "data": {"\\u005f_proto__": {"x": 1}}}`), 400, /body.data.__proto__ is refused/)
    expect(({} as Record<string, unknown>).contamination).toBeUndefined()
  })

  it('malformed JSON and an empty JSON body → 400', async () => {
    await refused(json('POST', '/predict', '{"model_id": '), 400, /the body is not valid JSON/)
    await refused(json('POST', '/predict', ''), 400, /the body is empty/)
  })

  it('a rejected value is shown once, cut to a few hundred characters (echoed twice in full before)', async () => {
    const huge = 'x'.repeat(1_000_000)
    const body = await refused({ method: 'POST', url: '/predict', payload: { model_id: modelId, data: { price: huge, volume: 1, amount: 1 } } }, 400, /data.price must be a finite number; got "x+…/)
    expect(String(body.error).length).toBeLessThan(1000)
    expect(String(body.value).length).toBeLessThanOrEqual(300)
    const schema = await refused({ method: 'POST', url: `/train/${datasetId}`, payload: { contamination: huge } }, 400, /body.contamination must be number; got "x+…/)
    expect(String(schema.value).length).toBeLessThanOrEqual(300)
  })

  it('a /predict-batch of 1M rows (a 103 MB 400 before) → 413 naming MAX_BATCH_ROWS, before its rows are validated', async () => {
    const rows = `[${Array(1_000_000).fill('{}').join(',')}]`
    const body = await refused(json('POST', '/predict-batch', `{"model_id": "${modelId}", "data": ${rows}}`), 413, /body.data has 1000000 rows; the limit is 100000 rows per batch \(MAX_BATCH_ROWS\)/)
    expect(body).toMatchObject({ field: 'data', limit: 100_000 })
  })

  it('JSON bodies have their own limits (the upload limit before): 1 MB by default, 64 MB for batches; uploads keep MAX_UPLOAD_SIZE', async () => {
    const filler = 'y'.repeat(2 * 1024 * 1024)
    const body = await refused(json('POST', '/predict', `{"model_id": "${modelId}", "data": {"note": "${filler}"}}`), 413, /the request body is larger than the limit of 1 MB for POST \/predict \(MAX_BODY_SIZE\)/)
    expect(body.limit).toBe(1024 * 1024)
    await refused(json('POST', `/train/${datasetId}`, `{"params": {"x": "${filler}"}}`), 413, /limit of 1 MB for POST \/train\/:dataset_id \(MAX_BODY_SIZE\)/)
    // a 2 MB batch is under the batch limit: it is read (and refused for what it says, not for its size)
    const batch = await t.app.inject(json('POST', '/predict-batch', `{"model_id": "${modelId}", "data": [{"price": 1, "note": "${filler}"}]}`))
    expect(batch.statusCode, batch.body.slice(0, 300)).toBe(200)
    // a 2 MB upload is under MAX_UPLOAD_SIZE
    const bigCsv = `a,b\n${'123456,654321\n'.repeat(150_000)}`
    expect(bigCsv.length).toBeGreaterThan(2 * 1024 * 1024)
    expect((await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('big.csv', bigCsv) })).statusCode).toBe(200)
  })

  it('/predict with no field the model knows (features_found_in_event: 0 and a 200 before) → 400 naming the expected fields', async () => {
    const body = await refused({ method: 'POST', url: '/predict', payload: { model_id: modelId, data: { prise: 1, volumen: 2 } } }, 400, /data has none of the fields the model was trained on; expected some of: price, volume, amount, timestamp; got: prise, volumen/)
    expect(body).toMatchObject({ field: 'data', expected_fields: ['price', 'volume', 'amount', 'timestamp'] })
    await refused({ method: 'POST', url: '/predict-batch', payload: { model_id: modelId, data: [{ price: 1 }, {}] } }, 400, /data\[1\] has none of the fields/)
    // one known field is enough (the others are imputed and listed in missing_features)
    const partial = await t.app.inject({ method: 'POST', url: '/predict', payload: { model_id: modelId, data: { price: 101 } } })
    expect(partial.statusCode).toBe(200)
    expect(partial.json()).toMatchObject({ model_info: { features_found_in_event: 1 } })
  })

  it('a number that overflows through type coercion ("1e309" → Infinity) → 400; it stored an unloadable version before (found by the fuzz suite)', async () => {
    await refused(json('PUT', `/models/${modelId}/threshold`, '{"threshold": "1e309"}'), 400, /body.threshold must be a finite number; got Infinity/)
    await refused(json('POST', '/predict', `{"model_id": "${modelId}", "data": {"price": 1}, "anomaly_threshold": "-1E+400"}`), 400, /body.anomaly_threshold must be a finite number; got -Infinity/)
    expect((await t.app.inject({ method: 'POST', url: `/models/${modelId}/load` })).statusCode).toBe(200)
  })

  it('an unknown algorithm → 400 listing the valid names', async () => {
    const body = await refused(
      { method: 'POST', url: `/train/${datasetId}`, payload: { algorithm: 'kmeans' } },
      400,
      /body.algorithm must be one of isolation_forest, one_class_svm, local_outlier_factor, random_forest, logistic_regression, gradient_boosting; got "kmeans"/,
    )
    expect(body).toMatchObject({ field: 'algorithm', value: 'kmeans' })
    expect(body.limit).toContain('isolation_forest')
  })

  it("router refusals (a path segment over 100 characters) get the project's error body", async () => {
    await refused({ method: 'GET', url: `/models/${'a'.repeat(300)}/versions` }, 414, /is longer than 100 characters/)
  })
})
