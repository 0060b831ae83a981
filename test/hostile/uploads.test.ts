import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { storageDigest } from '../fuzz/fuzz-session.js'
import { buildTestApp, multipart, type TestApp } from '../helper.js'

/**
 * Issue 15's findings on uploads, each a regression test: the upload is
 * refused with a 400 naming the problem, storage stays byte for byte as it
 * was, and the process is still there to answer /health.
 */
describe('hostile uploads', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ MAX_UPLOAD_SIZE: '8MB' })
    // something stored, so "unchanged" is not trivially true
    await t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart('base.csv', 'a,b\n1,2\n3,4\n') })
  })
  afterAll(async () => t.close())

  const upload = (name: string, content: string | Buffer): InjectOptions => ({ method: 'POST', url: '/upload-dataset', ...multipart(name, content) })

  async function refused(request: InjectOptions, status: number, message: RegExp): Promise<Record<string, unknown>> {
    const before = await storageDigest(t.storage)
    const res = await t.app.inject(request)
    expect(res.statusCode, res.body).toBe(status)
    const body = res.json<Record<string, unknown>>()
    expect(body.error).toMatch(message)
    expect(body.status_code).toBe(status)
    expect(await storageDigest(t.storage)).toEqual(before)
    expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200)
    return body
  }

  const deepArray = (depth: number): string => `[${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}]`
  const deepLines = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}\n`

  it('JSON and JSON lines nested 5,000 and 20,000 levels (DuckDB segfaulted: exit 139) → 400 naming MAX_JSON_DEPTH', async () => {
    for (const depth of [5000, 20_000]) {
      const body = await refused(upload('deep.json', deepArray(depth)), 400, /'deep.json' nests arrays and objects more than 64 levels deep; the limit is 64 \(MAX_JSON_DEPTH\)/)
      expect(body).toMatchObject({ field: 'file', limit: 64 })
      await refused(upload('deep.jsonl', deepLines(depth)), 400, /'deep.jsonl' nests arrays and objects more than 64 levels deep/)
    }
  })

  it('JSON nested 1,000–2,000 levels (a 500 "Binder Error" before) → 400', async () => {
    for (const depth of [1000, 2000]) {
      await refused(upload('deep.json', deepArray(depth)), 400, /more than 64 levels deep/)
      await refused(upload('deep.jsonl', deepLines(depth)), 400, /more than 64 levels deep/)
    }
  })

  it('nesting up to the limit is read, flattened to dot paths', async () => {
    const res = await t.app.inject(upload('nested.jsonl', `${'{"a":'.repeat(10)}1${'}'.repeat(10)}\n{"a": null}\n`))
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<{ columns: { name: string }[] }>().columns.map((c) => c.name)).toEqual([Array(10).fill('a').join('.')])
  })

  it('malformed multipart: a body cut short, no boundary, a boundary of 71 or 300 characters (500 before) → 400', async () => {
    const good = multipart('cut.csv', `a,b\n${'1,2\n'.repeat(50)}`)
    for (const cut of [10, 30, good.payload.length - 60]) {
      await refused({ method: 'POST', url: '/upload-dataset', payload: good.payload.subarray(0, good.payload.length - cut), headers: good.headers }, 400, /multipart|upload stopped before the file was complete/)
    }
    await refused({ method: 'POST', url: '/upload-dataset', payload: good.payload, headers: { 'content-type': 'multipart/form-data' } }, 400, /the multipart content-type has no boundary/)
    await refused({ method: 'POST', url: '/upload-dataset', payload: good.payload, headers: { 'content-type': 'multipart/form-data; boundary=' } }, 400, /no boundary/)
    for (const length of [71, 300]) {
      const body = await refused(
        { method: 'POST', url: '/upload-dataset', payload: good.payload, headers: { 'content-type': `multipart/form-data; boundary=${'x'.repeat(length)}` } },
        400,
        new RegExp(`the multipart boundary is ${length} characters long; at most 70`),
      )
      expect(body.limit).toBe(70)
    }
  })

  it('a CSV whose last line has one extra field (stored as 1 row of column0..2 before) → 400 naming the line and the counts', async () => {
    const body = await refused(upload('extra.csv', 'a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n'), 400, /'extra.csv' line 4 has 4 fields, but the header has 3/)
    expect(body).toMatchObject({ line: 4, fields: 4, expected_fields: 3 })
    await refused(upload('short.csv', 'a,b,c\r\n1,2,3\r\n4,5\r\n'), 400, /'short.csv' line 3 has 2 fields, but the header has 3/)
    // a quoted line break is not a new row, a quoted comma not a new field; blank lines are skipped
    const ok = await t.app.inject(upload('quoted.csv', 'a,b,c\n1,"x,\ny",3\n\n4,"say ""hi""",6\n'))
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ rows: 2 })
  })

  it('20,000 columns (793 s of CPU before) → 400 naming MAX_COLUMNS; 2,000 columns are read', async () => {
    const csv = (columns: number, rows: number): string => {
      const lines = [Array.from({ length: columns }, (_, i) => `c${i}`).join(',')]
      for (let r = 0; r < rows; r++) lines.push(Array.from({ length: columns }, (_, i) => (r + i) % 10).join(','))
      return `${lines.join('\n')}\n`
    }
    const body = await refused(upload('wide.csv', csv(20_000, 5)), 400, /'wide.csv' has 20000 columns; the limit is 2000 \(MAX_COLUMNS\)/)
    expect(body).toMatchObject({ limit: 2000, columns: 20_000 })
    const wideJson = `${JSON.stringify(Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`k${i}`, i])))}\n`
    await refused(upload('wide.jsonl', wideJson), 400, /more than 2000 distinct fields in its first 1000 rows; the limit is 2000 columns \(MAX_COLUMNS\)/)
    const res = await t.app.inject(upload('wide2000.csv', csv(2000, 20)))
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    const dataset = res.json<{ columns: unknown[]; profile: { distinct: number; min: number; max: number }[] }>()
    expect(dataset.columns).toHaveLength(2000)
    expect(dataset.profile[0]).toMatchObject({ distinct: 10, min: 0, max: 9 })
  })

  it('records wider than DuckDB\'s MAP threshold (200 keys) stay columns', async () => {
    const row = (v: number): string => JSON.stringify(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, v + i])))
    const res = await t.app.inject(upload('w300.jsonl', `${row(0)}\n${row(1)}\n`))
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    expect(res.json<{ columns: unknown[] }>().columns).toHaveLength(300)
  })
})

/** Issue 14 item 7: uploads that answered 200 but were wrong. */
describe('uploads that answered 200 but were wrong', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => t.close())

  const upload = (name: string, content: string): InjectOptions => ({ method: 'POST', url: '/upload-dataset', ...multipart(name, content) })

  async function refused(request: InjectOptions, message: RegExp): Promise<void> {
    const before = await storageDigest(t.storage)
    const res = await t.app.inject(request)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json<{ error: string }>().error).toMatch(message)
    expect(await storageDigest(t.storage)).toEqual(before)
  }

  it('a JSON object instead of an array → 400; a {"data": [...]} wrapper → 400 naming the key (not unwrapped)', async () => {
    await refused(upload('object.json', '{"a": 1}'), /'object.json' is one JSON object, not rows: upload an array of row objects/)
    await refused(upload('wrapped.json', '{"data": [{"a": 1}, {"a": 2}], "count": 2}'), /'wrapped.json' is one JSON object, not rows: its key 'data' holds an array: upload that array itself/)
    // JSON lines under .json stay JSON lines; an array of rows is rows
    expect((await t.app.inject(upload('lines.json', '{"a": 1}\n{"a": 2}\n'))).json()).toMatchObject({ format: 'jsonl', rows: 2 })
    expect((await t.app.inject(upload('rows.json', '[{"a": 1}, {"a": 2}]'))).json()).toMatchObject({ format: 'json', rows: 2 })
  })

  it('JSON lines uploaded as .txt are read as JSON lines, by content', async () => {
    const res = await t.app.inject(upload('events.txt', '{"a": 1, "b": "x,y"}\n{"a": 2, "b": "z"}\n'))
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json<{ format: string; rows: number; columns: { name: string; kind: string }[] }>()
    expect(body).toMatchObject({ format: 'jsonl', rows: 2 })
    expect(body.columns.map((c) => [c.name, c.kind])).toEqual([
      ['a', 'numeric'],
      ['b', 'string'],
    ])
  })

  it('a CSV with ragged rows → 400 naming the line and the field counts', async () => {
    await refused(upload('ragged.csv', 'a,b\n1,2\n3\n4,5\n'), /'ragged.csv' line 3 has 1 field, but the header has 2/)
  })
})
