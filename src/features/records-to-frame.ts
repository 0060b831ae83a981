import { InvalidInputError } from '../errors.js'
import { previewValue } from '../value-preview.js'
import { flattenRecord } from './flatten-record.js'
import type { Frame, RawColumn } from './frame.js'
import { parseTimestamp } from './parse-timestamp.js'
import type { PipelineSpec } from './pipeline-spec.js'

export interface RecordsFrame {
  readonly frame: Frame
  /** Per row: the pipeline inputs the event did not provide. */
  readonly missing: string[][]
}

/**
 * JSON events → a frame of the pipeline's inputs: nested objects flattened to
 * dot paths, field aliases applied, names matched exactly or else ignoring
 * case (`eventsource` finds `eventSource`). Numbers accept numeric strings and
 * booleans; timestamps accept ISO 8601 and epoch seconds/milliseconds; any
 * other value for a numeric input is a 400 naming the field.
 */
export function recordsToFrame(
  spec: Pick<PipelineSpec, 'inputs' | 'field_aliases'>,
  records: readonly Readonly<Record<string, unknown>>[],
  pathOf: (row: number, column: string) => string,
): RecordsFrame {
  const flat = records.map((r) => flattenRecord(r, spec.field_aliases))
  const missing: string[][] = flat.map(() => [])
  const columns = new Map<string, RawColumn>()
  for (const input of spec.inputs) {
    const lookup = (record: Record<string, unknown>): unknown => valueFor(record, input.name)
    if (input.kind === 'string') {
      const values = flat.map((record, i) => {
        const v = lookup(record)
        if (v === undefined || v === null || v === '') {
          missing[i]?.push(input.name)
          return null
        }
        if (typeof v === 'object') throw notA('text value', pathOf(i, input.name), v)
        return String(v)
      })
      columns.set(input.name, { kind: 'string', values })
      continue
    }
    const values = new Float64Array(flat.length)
    flat.forEach((record, i) => {
      const v = lookup(record)
      if (v === undefined || v === null || v === '') {
        missing[i]?.push(input.name)
        values[i] = NaN
        return
      }
      const n = input.kind === 'temporal' ? parseTimestamp(v) : toNumber(v)
      if (!Number.isFinite(n)) throw notA(input.kind === 'temporal' ? 'timestamp (ISO 8601 or epoch seconds/milliseconds)' : 'finite number', pathOf(i, input.name), v)
      values[i] = n
    })
    columns.set(input.name, { kind: input.kind, values })
  }
  return { frame: { rows: records.length, columns }, missing }
}

function valueFor(record: Record<string, unknown>, name: string): unknown {
  if (name in record) return record[name]
  const lower = name.toLowerCase()
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower)
  return key === undefined ? undefined : record[key]
}

function toNumber(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0
  if (typeof v === 'number') return v
  if (typeof v === 'string') return Number(v.trim())
  return NaN
}

function notA(what: string, path: string, value: unknown): InvalidInputError {
  return new InvalidInputError(`${path} must be a ${what}; got ${previewValue(value, 100).text}`, { field: path, value })
}
