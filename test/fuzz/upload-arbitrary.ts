import fc from 'fast-check'
import { junkValue } from './schema-arbitrary.js'

export interface Upload {
  readonly headers: Record<string, string>
  readonly payload: Buffer
}

const EXTENSIONS = ['.csv', '.tsv', '.txt', '.json', '.jsonl', '.ndjson', '.parquet', '.pq', '.xlsx', '', '.CSV', '.json.exe']

const cell = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => d.toFixed(3)),
  fc.constantFrom('', 'NaN', 'inf', '-inf', 'true', 'false', '2024-01-01T00:00:00Z', '"quoted, with comma"', '"multi\nline"', '"a""b"', '"unterminated', 'x"y', '\\"'),
  fc.string({ maxLength: 6 }).map((s) => s.replace(/[\n\r]/g, ' ')),
)

/** CSV text: a header and rows, sometimes ragged, sometimes with odd delimiters or line ends. */
const csvText = fc
  .record({
    columns: fc.integer({ min: 1, max: 8 }),
    rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 10 }), { maxLength: 30 }),
    delimiter: fc.constantFrom(',', ',', ';', '\t', '|'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    ragged: fc.boolean(),
    trailing: fc.boolean(),
  })
  .map(({ columns, rows, delimiter, eol, ragged, trailing }) => {
    const header = Array.from({ length: columns }, (_, i) => `c${i}`).join(delimiter)
    const body = rows.map((r) => (ragged ? r : Array.from({ length: columns }, (_, i) => r[i % r.length] ?? '')).join(delimiter))
    return [header, ...body].join(eol) + (trailing ? eol : '')
  })

/** JSON rows, lines, single objects, wrappers, deep nesting. */
const jsonText = fc.oneof(
  fc.array(fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), junkValue, { maxKeys: 5 }), { maxLength: 20 }).map((rows) => JSON.stringify(rows)),
  fc.array(fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), junkValue, { maxKeys: 5 }), { minLength: 1, maxLength: 20 }).map((rows) => rows.map((r) => JSON.stringify(r)).join('\n')),
  junkValue.map((v) => JSON.stringify(v) ?? 'null'),
  fc.array(fc.record({ a: fc.integer(), b: fc.string() }), { maxLength: 5 }).map((rows) => JSON.stringify({ data: rows })),
  fc.integer({ min: 10, max: 30_000 }).map((d) => `[${'{"a":'.repeat(d)}1${'}'.repeat(d)}]`),
  fc.integer({ min: 10, max: 30_000 }).map((d) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}\n`),
  fc.integer({ min: 10, max: 30_000 }).map((d) => `[${'['.repeat(d)}${']'.repeat(d)}]`),
  fc.constantFrom('[{"a": 1}, {"a": ', '[{"a": 1},', '{"a": 1}\n{"a": ', '[{"__proto__": {"x": 1}, "a": 1}]', '{"a": 1}\n[1, 2]\n3\n'),
)

const content = fc.oneof(
  { arbitrary: csvText.map((s) => Buffer.from(s)), weight: 4 },
  { arbitrary: jsonText.map((s) => Buffer.from(s)), weight: 4 },
  { arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from('PAR1'), Buffer.from(b), Buffer.from('PAR1')])), weight: 1 },
  { arbitrary: fc.constant(Buffer.alloc(0)), weight: 1 },
)

function multipartBody(boundary: string, filename: string, field: string, file: Buffer): Buffer {
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`)
  return Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)])
}

/** A hostile upload: odd files in well-formed multipart, or malformed multipart itself. */
export const hostileUpload: fc.Arbitrary<Upload> = fc
  .record({
    base: fc.constantFrom('data', 'x', '../../etc/passwd', 'a'.repeat(200), '💥', 'con', ''),
    ext: fc.constantFrom(...EXTENSIONS),
    field: fc.constantFrom('file', 'file', 'file', 'document', '__proto__', ''),
    file: content,
    boundary: fc.oneof(
      { arbitrary: fc.stringMatching(/^[A-Za-z0-9]{8,40}$/), weight: 8 },
      { arbitrary: fc.constantFrom('', 'x'.repeat(71), 'y'.repeat(300), 'a b', '"quoted"'), weight: 1 },
    ),
    cut: fc.option(fc.nat(), { freq: 6 }),
    contentType: fc.oneof(
      { arbitrary: fc.constant('ok'), weight: 8 },
      { arbitrary: fc.constantFrom('multipart/form-data', 'multipart/mixed; boundary=abc', 'multipart/form-data; boundary=', 'application/json', 'text/csv'), weight: 1 },
    ),
  })
  .map(({ base, ext, field, file, boundary, cut, contentType }) => {
    const full = multipartBody(boundary || 'b0undary', `${base}${ext}`, field, file)
    const payload = cut === null ? full : full.subarray(0, cut % (full.length + 1))
    const type = contentType === 'ok' ? `multipart/form-data; boundary=${boundary}` : contentType
    return { headers: { 'content-type': type }, payload }
  })
