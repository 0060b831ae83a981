import fc from 'fast-check'
import { fromSchema, junkValue, type JsonSchema, type SchemaOptions } from './schema-arbitrary.js'
import { hostileUpload } from './upload-arbitrary.js'

/** What the fuzzer sends: everything `inject()` needs, as plain data (printed when a property fails). */
export interface FuzzRequest {
  readonly operation: string
  readonly method: string
  readonly url: string
  readonly headers: Record<string, string>
  readonly payload?: string | Buffer | undefined
}

/** Ids of the fixtures, so some requests reach real datasets, models and jobs. */
export interface KnownIds {
  readonly datasetId: string
  readonly modelId: string
  readonly jobId: string
}

interface Parameter {
  readonly in: string
  readonly name: string
  readonly required?: boolean
  readonly schema: JsonSchema
}

interface Operation {
  readonly parameters?: readonly Parameter[]
  readonly requestBody?: { readonly content: Readonly<Record<string, { readonly schema?: JsonSchema }>> }
}

export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>
  readonly components?: { readonly schemas?: Readonly<Record<string, JsonSchema>> }
}

const MUTATE = 0.08

/**
 * Cost bounds, not correctness ones: a simulated dataset of a million rows, a
 * population of a million customers (about 15 s to build, see the report) or
 * a stream that never ends would only make the run slow. Streams always end
 * (a short duration, or a value that is refused).
 */
const CAPS: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  rows: fc.oneof(fc.integer({ min: 1, max: 2000 }), fc.constantFrom(0, -1, 1.5, 'many', 1_000_001)),
  customers: fc.oneof(fc.integer({ min: 10, max: 20_000 }), fc.constantFrom(0, 9, 1_000_001, 'x')),
  employees: fc.oneof(fc.integer({ min: 1, max: 2000 }), fc.constantFrom(0, 100_001, 'x')),
}
const STREAM_DURATION = fc.constantFrom('0.05', '0.2', '0', '-1', 'abc', '1e999', '')
/** `wait=false` would leave jobs running between requests, writing while another request is checked. */
const WAIT = fc.constantFrom('true', 'yes', '1', 'maybe', '')

const HOSTILE_SEGMENTS = ['..', '.', '%2e%2e', '..%2F..%2Fetc%2Fpasswd', '%00', 'a'.repeat(300), '%F0%9F%92%A5', 'x@y@z', '@', 'CON', 'nul', '-', '_']

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zzz',
  'application/octet-stream',
  'application/json; charset=utf-16',
]

/**
 * Requests over every operation of the OpenAPI document: path parameters
 * that are fixtures' ids or hostile segments; query and JSON bodies from the
 * schemas with a share of nodes replaced by junk; and raw bodies no schema
 * describes (cut-short JSON, 100,000-level nesting, prototype-pollution keys,
 * wrong content types). The upload takes hostile files and malformed
 * multipart (upload-arbitrary.ts).
 */
export function openApiRequests(doc: OpenApiDocument, known: KnownIds): fc.Arbitrary<FuzzRequest> {
  const resolve = (ref: string): JsonSchema => {
    const name = ref.split('/').pop() ?? ''
    return doc.components?.schemas?.[name] ?? {}
  }
  const options: SchemaOptions = { resolve, mutate: MUTATE, caps: CAPS }
  const operations: fc.Arbitrary<FuzzRequest>[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      operations.push(operationRequests(path, method.toUpperCase(), op, options, known))
    }
  }
  return fc.oneof(...operations)
}

function operationRequests(path: string, method: string, op: Operation, options: SchemaOptions, known: KnownIds): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters ?? []
  const pathParams = params.filter((p) => p.in === 'path')
  const queryParams = params.filter((p) => p.in === 'query')
  const url = fc
    .tuple(
      fc.tuple(...pathParams.map((p) => pathValue(p.name, method, known))),
      fc.tuple(...queryParams.map((p) => queryValue(path, p, options))),
      fc.option(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), { freq: 8 }),
    )
    .map(([segments, values, extra]) => {
      let built = path
      pathParams.forEach((p, i) => {
        built = built.replace(`{${p.name}}`, segments[i] ?? '')
      })
      const query = new URLSearchParams()
      queryParams.forEach((p, i) => {
        const v = values[i]
        if (v !== undefined) query.append(p.name, v)
      })
      if (extra) query.append(extra[0], extra[1])
      const qs = query.toString()
      return qs ? `${built}?${qs}` : built
    })
  const operation = `${method} ${path}`
  const content = op.requestBody?.content ?? {}
  if ('multipart/form-data' in content) {
    return fc.tuple(url, hostileUpload).map(([u, upload]) => ({ operation, method, url: u, headers: upload.headers, payload: upload.payload }))
  }
  const schema = content['application/json']?.schema
  const body = schema === undefined ? noBody : jsonBody(schema, options)
  return fc.tuple(url, body).map(([u, b]) => ({ operation, method, url: u, headers: b.headers, payload: b.payload }))
}

function pathValue(name: string, method: string, known: KnownIds): fc.Arbitrary<string> {
  const hostile = fc.oneof(
    fc.constantFrom(...HOSTILE_SEGMENTS),
    fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
    fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/),
  )
  // deleting the fixtures is a legitimate request, not a hostile one: deletes get other ids
  const fixtures: Record<string, string[]> = {
    dataset_id: [known.datasetId],
    model_id: [known.modelId, `${known.modelId}@1`, `${known.modelId}@prod`, `${known.modelId}@99`],
    job_id: [known.jobId],
    version: ['1', '2', '0', '-1', 'prod', '1.5'],
    alias: ['prod', 'candidate', '3'],
  }
  const ids = method === 'DELETE' && name !== 'alias' ? [] : (fixtures[name] ?? [])
  return ids.length === 0 ? hostile : fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 3 }, { arbitrary: hostile, weight: 1 })
}

function queryValue(path: string, p: Parameter, options: SchemaOptions): fc.Arbitrary<string | undefined> {
  if (p.name === 'duration_seconds' && path === '/simulator/stream') return STREAM_DURATION
  if (p.name === 'wait') return fc.option(WAIT, { freq: 3, nil: undefined })
  if (p.name === 'limit' && path === '/simulator/stream') return fc.option(fc.constantFrom('1', '3', '0', 'x'), { nil: undefined })
  const value = fromSchema(p.schema, options).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? ''))
  return p.required ? value : fc.option(value, { freq: 3, nil: undefined })
}

interface Body {
  readonly headers: Record<string, string>
  readonly payload?: string | Buffer | undefined
}

const noBody: fc.Arbitrary<Body> = fc.oneof(
  { arbitrary: fc.constant({ headers: {} }), weight: 5 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(v) })), weight: 1 },
)

function jsonBody(schema: JsonSchema, options: SchemaOptions): fc.Arbitrary<Body> {
  const json = { 'content-type': 'application/json' }
  const fromTheSchema = fromSchema(schema, options).map((v) => JSON.stringify(v) ?? 'null')
  return fc.oneof(
    { arbitrary: fromTheSchema.map((payload) => ({ headers: json, payload })), weight: 14 },
    { arbitrary: fc.tuple(fromTheSchema, fc.nat()).map(([s, cut]) => ({ headers: json, payload: s.slice(0, cut % (s.length + 1)) })), weight: 1 },
    { arbitrary: rawHostileBody.map((payload) => ({ headers: json, payload })), weight: 2 },
    { arbitrary: fc.tuple(fromTheSchema, fc.constantFrom(...CONTENT_TYPES)).map(([payload, type]) => ({ headers: { 'content-type': type }, payload })), weight: 1 },
    { arbitrary: junkValue.map((v) => ({ headers: json, payload: JSON.stringify(v) ?? 'null' })), weight: 1 },
  )
}

/** Bodies no schema describes. */
const rawHostileBody: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 60, max: 100_000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`),
  fc.integer({ min: 60, max: 100_000 }).map((d) => `{"model_id": "m", "data": ${'{"a":'.repeat(d)}1${'}'.repeat(d)}}`),
  fc.constantFrom(
    '{"__proto__": {"polluted": true}}',
    '{"constructor": {"prototype": {"polluted": true}}}',
    '{"model_id": "m", "data": {"\\u005f_proto__": {"x": 1}}}',
    '{"a": 1, "a": 2}',
    '',
    ' ',
    'null',
    '[]',
    '"text"',
    '1e999999',
    '{"model_id": "m", "data": {"price": 1e999}}',
    `{"n": ${'9'.repeat(5000)}}`,
    '\u0000\u0001\u0002',
    '{"a": "\\ud800"}',
  ),
  fc.string({ maxLength: 200 }),
)
