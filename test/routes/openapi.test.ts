import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'

type Json = Record<string, unknown>
interface Media {
  readonly schema?: Json
  readonly example?: unknown
  readonly examples?: Record<string, { readonly value?: unknown }>
}
interface Response {
  readonly description?: string
  readonly content?: Record<string, Media>
}
interface Operation {
  readonly description?: string
  readonly requestBody?: { readonly content: Record<string, Media> }
  readonly responses: Record<string, Response>
}
interface Document {
  readonly paths: Record<string, Record<string, Operation>>
  readonly components: { readonly schemas: Record<string, Json> }
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options'])

/**
 * The document a newcomer reads. Every assertion walks whatever routes the
 * app has, so a route added later is held to the same rules (and passes as
 * long as it is documented).
 */
describe('the OpenAPI document', () => {
  let t: TestApp
  let doc: Document
  beforeAll(async () => {
    t = await buildTestApp()
    doc = (await t.app.inject({ url: '/openapi.json' })).json<Document>()
  })
  afterAll(async () => t?.close())

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => METHODS.has(method))
        .map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    )
  /** A media object's example values: its own, or its schema's (followed through a component reference). */
  const examplesOf = (media: Media): unknown[] => {
    if (media.example !== undefined) return [media.example]
    if (media.examples !== undefined) return Object.values(media.examples).map((e) => e.value)
    const ref = media.schema?.$ref
    const schema = typeof ref === 'string' ? doc.components.schemas[ref.replace('#/components/schemas/', '')] : media.schema
    return schema?.example !== undefined ? [schema.example] : []
  }

  it('is served at /openapi.json, the same document as /docs/json', async () => {
    const alias = await t.app.inject({ url: '/openapi.json' })
    expect(alias.statusCode).toBe(200)
    expect(alias.headers['content-type']).toMatch(/application\/json/)
    expect(alias.json()).toEqual((await t.app.inject({ url: '/docs/json' })).json())
  })

  it('describes every operation and every response', () => {
    const ops = operations()
    expect(ops.length).toBeGreaterThanOrEqual(30)
    for (const { name, op } of ops) {
      expect(op.description, `${name}: description`).toBeTruthy()
      for (const [status, response] of Object.entries(op.responses)) {
        expect(response.description, `${name} ${status}: description`).toBeTruthy()
        expect(response.description, `${name} ${status}: description`).not.toBe('Default Response')
      }
    }
  })

  it('gives every request body and every 2xx answer an example', () => {
    for (const { name, op } of operations()) {
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
        expect(examplesOf(media).length, `${name} request body (${type}): example`).toBeGreaterThan(0)
      }
      for (const [status, response] of Object.entries(op.responses)) {
        if (!status.startsWith('2')) continue
        for (const [type, media] of Object.entries(response.content ?? {})) {
          expect(examplesOf(media).length, `${name} ${status} (${type}): example`).toBeGreaterThan(0)
        }
      }
    }
  })

  it('shows each error status with a body of that status', () => {
    let checked = 0
    for (const { name, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^[45]\d\d$/.test(status)) continue
        for (const media of Object.values(response.content ?? {})) {
          const examples = examplesOf(media)
          expect(examples.length, `${name} ${status}: example`).toBeGreaterThan(0)
          for (const example of examples) {
            expect((example as { status_code?: unknown }).status_code, `${name} ${status}: example status_code`).toBe(Number(status))
            checked++
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(50)
  })

  it('names its shared schemas as components', () => {
    const names = Object.keys(doc.components.schemas)
    expect(names.filter((n) => /^def-\d+$/.test(n))).toEqual([])
    for (const name of ['ErrorResponse', 'Dataset', 'UploadResponse', 'TrainRequest', 'ModelView', 'PredictRequest', 'PredictResponse', 'BatchRequest', 'BatchResponse', 'Job']) expect(names, name).toContain(name)
    const train = doc.paths['/train/{dataset_id}']?.post
    expect(train?.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/TrainRequest' })
  })
})
