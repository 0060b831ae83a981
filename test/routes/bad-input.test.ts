import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, multipart, sampleCsv, storageSnapshot, type TestApp } from '../helper.js'

/**
 * Every user mistake gets a 4xx whose message names the problem, and leaves
 * storage exactly as it was.
 */
describe('bad input', () => {
  let t: TestApp
  let datasetId = ''
  let modelId = ''
  beforeAll(async () => {
    t = await buildTestApp({ MAX_UPLOAD_SIZE: '64KB' })
    const up = await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('data.csv', sampleCsv(200)) })
    datasetId = up.json().dataset_id
    const csv3 = 'x,y,label\n1,2,0\n2,3,1\n3,4,2\n4,5,0\n'
    await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('three.csv', csv3) })
    const trained = await t.app.inject({ method: 'POST', url: `/train/${datasetId}`, payload: { target_column: 'price' } })
    modelId = trained.json().model_id
  })
  afterAll(async () => t.close())

  async function expectRefused(
    request: InjectOptions,
    status: number,
    message: RegExp,
  ): Promise<Record<string, unknown>> {
    const before = await storageSnapshot(t.storage)
    const res = await t.app.inject(request)
    expect(res.statusCode, res.body).toBe(status)
    const body = res.json()
    expect(body.error).toMatch(message)
    expect(body.status_code).toBe(status)
    expect(await storageSnapshot(t.storage)).toEqual(before)
    return body
  }

  const upload = (name: string, content: string | Buffer) => ({ method: 'POST' as const, url: '/upload-dataset', ...multipart(name, content) })

  it('unknown dataset → 404', async () => {
    await expectRefused({ method: 'POST', url: '/train/no-such-dataset', payload: {} }, 404, /dataset 'no-such-dataset' not found/)
    await expectRefused({ url: '/datasets/no-such-dataset' }, 404, /not found/)
  })

  it('unknown model → 404', async () => {
    await expectRefused({ method: 'POST', url: '/predict', payload: { model_id: 'nope', data: { price: 1 } } }, 404, /model 'nope' not found/)
    await expectRefused({ url: '/models/nope' }, 404, /model 'nope' not found/)
    await expectRefused({ method: 'DELETE', url: '/models/nope' }, 404, /not found/)
    await expectRefused({ method: 'POST', url: '/predict', payload: { model_id: `${modelId}@7`, data: { price: 1 } } }, 404, /has no version 7/)
    await expectRefused({ method: 'POST', url: '/predict', payload: { model_id: `${modelId}@staging`, data: { price: 1 } } }, 404, /has no alias 'staging'/)
  })

  it('ids that are not one path segment → 400', async () => {
    await expectRefused({ url: '/datasets/..%2F..%2Fetc' }, 400, /dataset_id/)
    await expectRefused({ method: 'POST', url: '/predict', payload: { model_id: '../x', data: {} } }, 400, /model_id '..\/x' is not a valid id/)
  })

  it('unknown column → 400 naming it and listing the columns', async () => {
    const body = await expectRefused({ method: 'POST', url: `/train/${datasetId}`, payload: { target_column: 'prise' } }, 400, /target_column 'prise' is not a column .* price, volume/)
    expect(body).toMatchObject({ field: 'target_column', value: 'prise' })
    await expectRefused({ method: 'POST', url: `/train/${datasetId}`, payload: { feature_columns: ['volume', 'nope'] } }, 400, /feature_columns\[1\] 'nope'/)
  })

  it('non-numeric column where a number is needed → 400', async () => {
    await expectRefused({ method: 'POST', url: `/train/${datasetId}`, payload: { target_column: 'timestamp' } }, 400, /target_column 'timestamp' has type TIMESTAMP/)
    await expectRefused({ method: 'POST', url: '/predict', payload: { model_id: modelId, data: { price: 'abc' } } }, 400, /data.price must be a finite number; got "abc"/)
    await expectRefused({ method: 'POST', url: '/predict-batch', payload: { model_id: modelId, data: [{ price: 1 }, { price: [] }] } }, 400, /data\[1\].price must be a finite number/)
  })

  it('contamination outside (0, 0.5] → 400 with the limit', async () => {
    const high = await expectRefused({ method: 'POST', url: `/train/${datasetId}`, payload: { contamination: 0.7 } }, 400, /body.contamination must be <= 0.5; got 0.7/)
    expect(high).toMatchObject({ field: 'contamination', value: 0.7, limit: 0.5 })
    await expectRefused({ method: 'POST', url: `/train/${datasetId}`, payload: { contamination: 0 } }, 400, /body.contamination must be > 0; got 0/)
  })

  it('unknown algorithm, algorithm not available yet, bad params → 400', async () => {
    await expectRefused({ method: 'POST', url: `/train/${datasetId}`, payload: { algorithm: 'kmeans' } }, 400, /body.algorithm/)
    await expectRefused({ method: 'POST', url: `/train/${datasetId}`, payload: { algorithm: 'random_forest' } }, 400, /random_forest is supervised: give label_column/)
    await expectRefused({ method: 'POST', url: `/train/${datasetId}`, payload: { params: { n_estimators: 0 } } }, 400, /params.n_estimators must be >= 1; got 0/)
    await expectRefused({ method: 'POST', url: `/train/${datasetId}`, payload: { params: { trees: 5 } } }, 400, /params.trees is not a parameter of isolation_forest/)
    await expectRefused({ method: 'POST', url: `/train/${datasetId}`, payload: { contaminaton: 0.1 } }, 400, /body.contaminaton is not a known field/)
  })

  it('missing data → 400', async () => {
    await expectRefused({ method: 'POST', url: '/predict', payload: { model_id: modelId } }, 400, /body.data is required/)
    await expectRefused({ method: 'POST', url: '/predict-batch', payload: { model_id: modelId, data: [] } }, 400, /body.data must NOT have fewer than 1 items/)
    await expectRefused({ method: 'POST', url: '/predict', payload: { model_id: modelId, data: [1, 2] } }, 400, /body.data must be object/)
  })

  it('label column with 3 classes → 400 with the counts', async () => {
    const list = (await t.app.inject({ url: '/datasets' })).json()
    const three = list.datasets.find((d: { original_name: string }) => d.original_name === 'three.csv').dataset_id
    const body = await expectRefused(
      { method: 'POST', url: `/train/${three}`, payload: { label_column: 'label' } },
      400,
      /label_column 'label' must hold only 0\/1 .* found 3 distinct values/,
    )
    expect(body).toMatchObject({ field: 'label_column', distinct_values: 3 })
  })

  it('empty and 0-byte files → 400', async () => {
    await expectRefused(upload('empty.csv', ''), 400, /'empty.csv' is empty \(0 bytes\)/)
    await expectRefused(upload('header.csv', 'a,b,c\n'), 400, /'header.csv' has no data rows/)
  })

  it('a binary file named .csv → 400', async () => {
    await expectRefused(upload('photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48])), 400, /looks binary/)
  })

  it('a CSV with ragged rows → 400, without server paths in the message', async () => {
    const body = await expectRefused(upload('ragged.csv', 'a,b,c\n1,2,3\n4,5,6,7,8\n7,8,9\n'), 400, /'ragged.csv' line 3 has 5 fields, but the header has 3/)
    expect(body).toMatchObject({ line: 3, fields: 5, expected_fields: 3 })
    expect(String(body.error)).not.toMatch(/\.tmp-|\/tmp\/|storage/)
    expect(String(body.error)).not.toContain('\n')
  })

  it('malformed JSON, a JSON object instead of rows, malformed Parquet → 400', async () => {
    await expectRefused(upload('bad.json', '[{"a": 1}, {"a": '), 400, /'bad.json' is not a complete JSON array/)
    await expectRefused(upload('cut.json', '[{"a": 1},'), 400, /'cut.json' is not a complete JSON array/)
    await expectRefused(upload('broken.json', '[{"a": 1}, {"a" 2}]'), 400, /could not read 'broken.json' as JSON/)
    await expectRefused(upload('object.json', '{"rows": 3, "name": "x",\n "nested": {"a": 1}}'), 400, /'object.json' is one JSON object, not rows/)
    await expectRefused(upload('numbers.json', '[1, 2, 3]'), 400, /could not read 'numbers.json' as JSON/)
    await expectRefused(upload('fake.parquet', 'a,b\n1,2\n'), 400, /not a Parquet file/)
    await expectRefused(upload('truncated.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 7)])), 400, /as PARQUET/)
  })

  it('unsupported type → 400 listing the formats', async () => {
    await expectRefused(upload('book.xlsx', 'PK\u0003\u0004...'), 400, /unsupported file type '.xlsx'/)
  })

  it('too large → 413 and nothing kept', async () => {
    const big = `a,b\n${'123456789,987654321\n'.repeat(5000)}`
    const body = await expectRefused(upload('big.csv', big), 413, /larger than the upload limit of 64 KB/)
    expect(body.limit).toBe(65536)
  })

  it('a missing file field → 400', async () => {
    await expectRefused({ method: 'POST', url: '/upload-dataset', ...multipart('data.csv', 'a\n1\n', 'document') }, 400, /field `file` is missing/)
    await expectRefused({ method: 'POST', url: '/upload-dataset', payload: { file: 'x' } }, 400, /multipart\/form-data/)
  })

  it('an alias that is a number, or for a missing version → 400/404', async () => {
    await expectRefused({ method: 'PUT', url: `/models/${modelId}/aliases/3`, payload: { version: 1 } }, 400, /alias '3' is reserved/)
    await expectRefused({ method: 'PUT', url: `/models/${modelId}/aliases/prod`, payload: { version: 9 } }, 404, /has no version 9/)
  })

  it('version 0 → 400, not "no alias"', async () => {
    await expectRefused({ method: 'POST', url: '/predict', payload: { model_id: `${modelId}@0`, data: { price: 1 } } }, 400, /version must be a whole number from 1/)
    await expectRefused({ method: 'POST', url: '/predict', payload: { model_id: modelId, version: 0, data: { price: 1 } } }, 400, /version must be a whole number from 1/)
  })

  it('a parameter that fits none of its forms says so', async () => {
    await expectRefused({ method: 'POST', url: `/train/${datasetId}`, payload: { params: { max_samples: 1.5 } } }, 400, /params.max_samples does not match any accepted form; got 1.5 \(Rows drawn/)
  })

  it('two trains of one new model_id at once: one wins, the others get 409', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => t.app.inject({ method: 'POST', url: `/train/${datasetId}`, payload: { model_id: 'racer' } })),
    )
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409])
    expect((await t.app.inject({ url: '/models/racer' })).json().versions).toEqual([1])
    await t.app.inject({ method: 'DELETE', url: '/models/racer' })
  })

  it('unknown route → 404 in the same shape', async () => {
    await expectRefused({ url: '/nowhere' }, 404, /no route GET \/nowhere/)
  })
})
