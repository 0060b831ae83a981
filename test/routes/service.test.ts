import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'

interface Operation {
  summary?: string
  tags?: string[]
  responses?: Record<string, unknown>
}

describe('service endpoints and the OpenAPI document', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => t.close())

  it('GET / describes the API and GET /health answers', async () => {
    const root = (await t.app.inject({ url: '/' })).json()
    expect(root).toMatchObject({ name: 'Vigil', docs: '/docs', openapi: '/docs/json' })
    expect(Object.keys(root.endpoints)).toContain('POST /predict-batch')
    const health = await t.app.inject({ url: '/health' })
    expect(health.statusCode).toBe(200)
    expect(health.json()).toMatchObject({ status: 'healthy', models_loaded: 0 })
  })

  it('GET /algorithms lists every 002 algorithm, with parameter schemas for the available ones', async () => {
    const { algorithms } = (await t.app.inject({ url: '/algorithms' })).json()
    expect(algorithms.map((a: { id: string }) => a.id)).toEqual([
      'isolation_forest',
      'one_class_svm',
      'local_outlier_factor',
      'random_forest',
      'logistic_regression',
      'gradient_boosting',
    ])
    const iforest = algorithms[0]
    expect(iforest).toMatchObject({ available: true, supervised: false })
    expect(iforest.params.properties.n_estimators.default).toBe(100)
  })

  it('documents every route with a summary, tags and response schemas', async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json()
    const operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    )
    expect(operations.length).toBeGreaterThanOrEqual(20)
    for (const { path, method, op } of operations) {
      expect(op.summary, `${method} ${path} summary`).toBeTruthy()
      expect(op.tags?.length, `${method} ${path} tags`).toBeGreaterThan(0)
      // 200, or 202 for the routes that queue work (events, simulator feeds)
      expect(Object.keys(op.responses ?? {}).some((status) => /^2\d\d$/.test(status)), `${method} ${path} 2xx schema`).toBe(true)
    }
    expect(doc.paths['/upload-dataset'].post.requestBody.content['multipart/form-data']).toBeDefined()
    const ui = await t.app.inject({ url: '/docs/' })
    expect(ui.statusCode).toBe(200)
  })

  it('allows browsers from any origin by default, as 002 says', async () => {
    const res = await t.app.inject({ url: '/health', headers: { origin: 'http://dashboard.example' } })
    expect(res.headers['access-control-allow-origin']).toBe('*')
  })
})
