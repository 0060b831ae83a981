import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sniffDelimiter } from '../src/ingest/sniff-delimiter.js'
import { buildTestApp, multipart, type TestApp } from './helper.js'

describe('sniffDelimiter', () => {
  const head = (s: string) => Buffer.from(s)
  it('picks the most frequent delimiter outside quotes', () => {
    expect(sniffDelimiter(head('a,b,c\n1,2,3'), 'x.csv')).toBe(',')
    expect(sniffDelimiter(head('a;b;"c,d"\n'), 'x.csv')).toBe(';')
    expect(sniffDelimiter(head('a\tb\n'), 'x.tsv')).toBe('\t')
    expect(sniffDelimiter(head('value\n1\n'), 'x.csv')).toBeUndefined()
  })
})

describe('dataset formats', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => t.close())
  const upload = async (name: string, content: string | Buffer) => t.app.inject({ method: 'POST', url: '/upload-dataset', ...multipart(name, content) })

  it('reads CSV with quotes, semicolons and empty cells as missing', async () => {
    const res = await upload('q.csv', 'name;amount;note\n"Smith; J";10.5;"said ""hi"""\nDoe;;\nRoe;7;x\n')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.columns).toEqual([
      { name: 'name', type: 'VARCHAR', kind: 'string' },
      { name: 'amount', type: 'DOUBLE', kind: 'numeric' },
      { name: 'note', type: 'VARCHAR', kind: 'string' },
    ])
    expect(body.profile[1]).toMatchObject({ count: 2, missing: 1, min: 7, max: 10.5 })
    expect(body.profile[0].top_values).toContainEqual({ value: 'Smith; J', count: 1 })
  })

  it('reads a JSON array and JSON lines, nested objects flattened to dot paths', async () => {
    const events = [
      { a: 1, user: { type: 'Root', session: { mfa: true } }, tags: ['x'] },
      { a: 2, user: { type: 'IAM', session: { mfa: false } }, tags: [] },
    ]
    const arr = await upload('rows.json', JSON.stringify(events))
    expect(arr.statusCode).toBe(200)
    expect(arr.json()).toMatchObject({ format: 'json', rows: 2 })
    expect(arr.json().columns).toEqual([
      { name: 'a', type: 'BIGINT', kind: 'numeric' },
      { name: 'user.type', type: 'VARCHAR', kind: 'string' },
      { name: 'user.session.mfa', type: 'BOOLEAN', kind: 'boolean' },
      { name: 'tags', type: 'VARCHAR[]', kind: 'nested' },
    ])
    const lines = await upload('rows.jsonl', '{"a": 1, "b": true}\n{"a": 2, "b": false}\n{"a": 3}\n')
    expect(lines.json()).toMatchObject({ format: 'jsonl', rows: 3 })
    expect(lines.json().profile[1]).toMatchObject({ kind: 'boolean', missing: 1 })
  })

  it('reads Parquet (round trip of a stored dataset) and trains on it', async () => {
    const csv = await upload('n.csv', `x,y\n${Array.from({ length: 60 }, (_, i) => `${i},${i % 7}`).join('\n')}\n`)
    const id = csv.json().dataset_id
    const { readFile } = await import('node:fs/promises')
    const parquet = await readFile(`${t.storage}/datasets/${id}/data.parquet`)
    const res = await upload('n.parquet', parquet)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ format: 'parquet', rows: 60 })
    const train = await t.app.inject({ method: 'POST', url: `/train/${res.json().dataset_id}`, payload: {} })
    expect(train.json()).toMatchObject({ feature_columns: ['x', 'y'], training_stats: { n_samples: 60 } })
  })

  it('accepts inf, nan and huge values in numeric columns, profiling the finite ones', async () => {
    const res = await upload('wild.csv', 'a,b\n1,2\ninf,3\nnan,4\n1e308,5\n-1e308,6\n')
    expect(res.statusCode).toBe(200)
    expect(res.json().profile[0]).toMatchObject({ min: -1e308, max: 1e308 })
  })

  it('reads types from every row: a decimal far down a whole-number column is kept', async () => {
    const rows = Array.from({ length: 25_000 }, (_, i) => String(i))
    rows.push('1.5')
    const res = await upload('late.csv', `v\n${rows.join('\n')}\n`)
    expect(res.json().columns[0]).toMatchObject({ type: 'DOUBLE' })
    expect(res.json().profile[0].min).toBe(0)
  })

  it('imputes missing training values with the median and reports them', async () => {
    const res = await upload('gaps.csv', `v,w\n${Array.from({ length: 40 }, (_, i) => (i % 10 === 0 ? `,${i}` : `${i},${i}`)).join('\n')}\n`)
    const train = await t.app.inject({ method: 'POST', url: `/train/${res.json().dataset_id}`, payload: {} })
    expect(train.json().training_stats.imputed_values).toEqual({ v: 4 })
  })
})
