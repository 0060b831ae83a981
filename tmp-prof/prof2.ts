import { benchRows } from '../bench/batch/batch-data.js'
import { JsonShapeScanner } from '../src/ingest/json-shape.js'
import { Compile } from 'typebox/compile'
import { BatchBody } from '../src/schemas/predict.js'
const rows = benchRows(100000, 2)
const body = JSON.stringify({ model_id: 'nobody', data: rows })
const bytes = Buffer.from(body)
const time = (label: string, f: () => unknown) => { const t = performance.now(); f(); console.log(label, (performance.now() - t).toFixed(0)) }
for (let k = 0; k < 2; k++) {
time('scanner', () => { const s = new JsonShapeScanner(64); s.push(bytes) })
time('toString', () => bytes.toString('utf8'))
time('regex', () => /Infinity|[eE]\+?0*[1-9]\d{2,}/.test(body))
let parsed: unknown
time('parse', () => { parsed = JSON.parse(body) })
time('includes', () => body.includes('__proto__') || body.includes('constructor') || body.includes('\\u'))
const c = Compile(BatchBody)
time('typebox check', () => c.Check(parsed))
time('structuredClone', () => structuredClone((parsed as {data: unknown}).data))
}
