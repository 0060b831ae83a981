import { describe, expect, it } from 'vitest'
import { flattenRecord } from '../../src/features/flatten-record.js'
import { recordsToFrame } from '../../src/features/records-to-frame.js'
import { CsvShapeScanner } from '../../src/ingest/csv-shape.js'
import { JsonShapeScanner } from '../../src/ingest/json-shape.js'
import { findPollutingKey } from '../../src/plugins/polluting-key.js'
import { boundedValue, previewValue } from '../../src/value-preview.js'

/** A value nested `depth` objects deep, built without recursion. */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 1 }
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

describe('walks that no nesting can overflow (recursion overflowed at ~10,000 levels)', () => {
  it('flattenRecord is iterative and keeps document order', () => {
    const flat = flattenRecord(nested(100_000))
    expect(Object.values(flat)).toEqual([1])
    expect(Object.keys(flat)[0]?.length).toBe(100_000 * 2 + 4)
    expect(Object.keys(flattenRecord({ b: 1, a: { y: 2, x: 3 }, c: [1] }))).toEqual(['b', 'a.y', 'a.x', 'c'])
  })

  it('recordsToFrame takes a deeply nested event', () => {
    const spec = { inputs: [{ name: 'price', kind: 'numeric' as const }], field_aliases: {} }
    const { frame, missing } = recordsToFrame(spec, [{ price: 3, extra: nested(50_000) }], (_i, c) => `data.${c}`)
    expect(frame.rows).toBe(1)
    expect(missing).toEqual([[]])
  })

  it('previewValue cuts at its budget whatever the value: huge, deep, cyclic', () => {
    expect(previewValue({ a: [1, 'x', null, true] })).toEqual({ text: '{"a": [1, "x", null, true]}', complete: true })
    const huge = previewValue('z'.repeat(10_000_000), 50)
    expect(huge.complete).toBe(false)
    expect(huge.text).toHaveLength(50)
    expect(previewValue(nested(100_000), 40).text).toBe(`${'{"a": '.repeat(6)}{"a…`)
    const cyclic: Record<string, unknown> = { name: 'loop' }
    cyclic.self = cyclic
    expect(previewValue(cyclic, 60).complete).toBe(false)
    expect(boundedValue(0.7)).toBe(0.7)
    expect(boundedValue(Array(1000).fill(1), 20)).toBe('[1, 1, 1, 1, 1, 1, …')
  })

  it('findPollutingKey finds __proto__ and constructor.prototype at any depth, iteratively', () => {
    expect(findPollutingKey(JSON.parse('{"a": [{"b": {"__proto__": {"x": 1}}}]}'))).toBe('a[0].b.__proto__')
    expect(findPollutingKey(JSON.parse('{"constructor": {"prototype": {}}}'))).toBe('constructor.prototype')
    expect(findPollutingKey({ constructor: 'fine', prototype: 'also fine' })).toBeUndefined()
    expect(findPollutingKey(nested(100_000))).toBeUndefined()
  })
})

describe('JsonShapeScanner', () => {
  const scan = (text: string, chunk = 3): JsonShapeScanner => {
    const s = new JsonShapeScanner()
    const bytes = Buffer.from(text)
    for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk))
    return s
  }

  it('measures nesting across chunks, ignoring brackets inside strings', () => {
    expect(scan('[{"a": [1, {"b": 2}]}]').maxDepth).toBe(4)
    expect(scan('[{"a": "[[[[{{{{", "b": "\\"[["}]').maxDepth).toBe(2)
    const stopped = new JsonShapeScanner(10)
    stopped.push(Buffer.from('['.repeat(1_000_000)))
    expect(stopped.maxDepth).toBe(11)
  })

  it('counts top-level values, finds wrapper keys and record fields', () => {
    expect(scan('{"a": 1}\n{"a": 2}\n{"b": 3}\n')).toMatchObject({ topLevelValues: 3, firstKind: 'object' })
    expect([...scan('{"a": 1}\n{"a": 2}\n{"b": 3}\n').recordKeys]).toEqual(['a', 'b'])
    expect([...scan('[{"x": {"inner": 1}, "y": "v"}, {"z": 1}]').recordKeys]).toEqual(['x', 'y', 'z'])
    const wrapped = scan('{"meta": {"n": 2}, "data": [{"a": 1}], "more": [1]}')
    expect(wrapped).toMatchObject({ topLevelValues: 1, firstKind: 'object', wrapperKeys: ['data', 'more'] })
    expect(scan('1 2 "three"')).toMatchObject({ topLevelValues: 3, firstKind: 'scalar' })
  })
})

describe('CsvShapeScanner', () => {
  const scan = (text: string, options: { chunk?: number; backslashEscapes?: boolean; delimiter?: string } = {}): CsvShapeScanner => {
    const s = new CsvShapeScanner({ delimiter: options.delimiter ?? ',', backslashEscapes: options.backslashEscapes ?? false, maxFields: 100 })
    const bytes = Buffer.from(text)
    const chunk = options.chunk ?? 2
    for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk))
    s.end()
    return s
  }

  it('counts fields as a quoting reader does, across chunks and line endings', () => {
    expect(scan('a,b,c\n1,"x,y",3\n4,"multi\nline",6\n')).toMatchObject({ headerFields: 3, records: 2, ragged: undefined })
    expect(scan('a,b\r\n1,"q ""quoted"", here"\r\n\r\n3,4')).toMatchObject({ headerFields: 2, records: 2, ragged: undefined })
    expect(scan('a\tb\n1\t2\n', { delimiter: '\t' })).toMatchObject({ headerFields: 2, ragged: undefined })
    expect(scan('a,b\n1,5"\n')).toMatchObject({ ragged: undefined })
  })

  it('reports the first ragged record with its line, counting quoted line breaks', () => {
    expect(scan('a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n').ragged).toEqual({ line: 4, fields: 4 })
    expect(scan('a,b\n"x\ny",1\n2\n').ragged).toEqual({ line: 4, fields: 1 })
    expect(scan('a,b\r1,2\r3\r').ragged).toEqual({ line: 3, fields: 1 })
  })

  it('backslash-escaped quotes are read by the second reader only', () => {
    const text = 'a,b\n1,"x\\",y"\n'
    expect(scan(text).ragged).toEqual({ line: 2, fields: 3 })
    expect(scan(text, { backslashEscapes: true }).ragged).toBeUndefined()
  })
})
