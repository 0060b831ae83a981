import { InvalidInputError } from '../errors.js'
import type { LeafMeasure, LeafTable } from './leaf-table.js'
import { inferMeasureKind, MEASURE_FIELDS, type MeasureKind } from './measure-fields.js'

/** Most leaves one call takes (a time point of a large service; RiskLoc's largest synthetic cases hold 48,000). */
export const MAX_LEAVES = 100_000
/** Most dimensions a leaf may have. */
export const MAX_DIMENSIONS = 12

export interface ReadLeavesOptions {
  /** Dimensions to localise over; default every key whose value is text in the first leaf (measure fields aside). */
  readonly dimensions?: readonly string[] | undefined
  /** Default: `rate` when the first leaf has `requests` or `errors`, else `count`. */
  readonly measure?: MeasureKind | undefined
}

type Row = Readonly<Record<string, unknown>>

/**
 * Flat leaf rows (`{"country": "CA", "pi_type": "mc", "actual": 40, "expected": 52}`)
 * into a `LeafTable`. Every refusal is an InvalidInputError naming the leaf,
 * the field, the value and the limit.
 */
export function readLeaves(rows: readonly Row[], options: ReadLeavesOptions = {}): LeafTable {
  if (rows.length === 0) throw new InvalidInputError('leaves is empty; send at least one leaf row', { field: 'leaves', value: 0, limit: 1 })
  if (rows.length > MAX_LEAVES) {
    throw new InvalidInputError(`leaves has ${rows.length} rows; the limit is ${MAX_LEAVES}`, { field: 'leaves', value: rows.length, limit: MAX_LEAVES })
  }
  const first = rows[0] as Row
  const kind = options.measure ?? inferMeasureKind(first)
  const textKeys = dimensionKeys(first)
  const dimensions = options.dimensions ?? textKeys
  checkDimensions(dimensions, first)
  const codes = dimensions.map(() => new Int32Array(rows.length))
  const lookups = dimensions.map(() => new Map<string, number>())
  const expectedKeys = textKeys.join('\u0000')
  rows.forEach((row, i) => {
    const keys = dimensionKeys(row)
    if (keys.join('\u0000') !== expectedKeys) {
      throw new InvalidInputError(`leaves[${i}] has dimension keys [${keys.join(', ')}] but leaves[0] has [${textKeys.join(', ')}]; every leaf needs the same dimensions`, {
        field: `leaves[${i}]`,
        value: keys,
        limit: textKeys,
      })
    }
    dimensions.forEach((d, j) => {
      const text = dimensionValue(row[d], i, d)
      const lookup = lookups[j] as Map<string, number>
      let code = lookup.get(text)
      if (code === undefined) {
        code = lookup.size
        lookup.set(text, code)
      }
      ;(codes[j] as Int32Array)[i] = code
    })
  })
  return { dimensions, values: lookups.map((l) => [...l.keys()]), codes, size: rows.length, measure: readMeasure(rows, kind) }
}

/** Keys with a text value, besides the measure fields, sorted. */
function dimensionKeys(row: Row): string[] {
  return Object.keys(row)
    .filter((k) => !MEASURE_FIELDS.has(k) && typeof row[k] === 'string')
    .sort()
}

function checkDimensions(dimensions: readonly string[], first: Row): void {
  if (dimensions.length === 0) {
    throw new InvalidInputError('the leaves have no dimension: give each leaf at least one key with a text value besides the measure fields', { field: 'dimensions', value: [], limit: 1 })
  }
  if (dimensions.length > MAX_DIMENSIONS) {
    throw new InvalidInputError(`${dimensions.length} dimensions; the limit is ${MAX_DIMENSIONS}`, { field: 'dimensions', value: dimensions.length, limit: MAX_DIMENSIONS })
  }
  dimensions.forEach((d, j) => {
    if (MEASURE_FIELDS.has(d)) throw new InvalidInputError(`dimensions[${j}] '${d}' is a measure field, not a dimension`, { field: `dimensions[${j}]`, value: d })
    if (!(d in first)) throw new InvalidInputError(`dimensions[${j}] '${d}' is not a key of leaves[0]`, { field: `dimensions[${j}]`, value: d })
    if (dimensions.indexOf(d) !== j) throw new InvalidInputError(`dimensions[${j}] '${d}' is listed twice`, { field: `dimensions[${j}]`, value: d })
  })
}

function dimensionValue(value: unknown, i: number, d: string): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw new InvalidInputError(`leaves[${i}].${d} must be a text value; got ${value === undefined ? 'nothing' : JSON.stringify(value)}`, { field: `leaves[${i}].${d}`, value: value ?? null })
}

function readMeasure(rows: readonly Row[], kind: MeasureKind): LeafMeasure {
  const n = rows.length
  if (kind === 'count') {
    const actual = new Float64Array(n)
    const expected = new Float64Array(n)
    rows.forEach((row, i) => {
      actual[i] = amount(row, i, 'actual', 'a count measure')
      expected[i] = amount(row, i, 'expected', 'a count measure')
    })
    return { kind, actual, expected }
  }
  const requests = new Float64Array(n)
  const errors = new Float64Array(n)
  const expectedRate = new Float64Array(n)
  rows.forEach((row, i) => {
    requests[i] = amount(row, i, 'requests', 'a failure-rate measure')
    errors[i] = amount(row, i, 'errors', 'a failure-rate measure')
    if ((errors[i] as number) > (requests[i] as number)) {
      throw new InvalidInputError(`leaves[${i}].errors (${errors[i]}) must be <= requests (${requests[i]})`, { field: `leaves[${i}].errors`, value: errors[i], limit: requests[i] })
    }
    expectedRate[i] = leafExpectedRate(row, i)
  })
  fillUnknownRates(expectedRate, requests, errors)
  return { kind, requests, errors, expectedRate }
}

/** `expected_rate`, else `expected_errors / expected_requests`; NaN when the leaf expected no requests. */
function leafExpectedRate(row: Row, i: number): number {
  if ('expected_rate' in row) {
    const rate = amount(row, i, 'expected_rate', 'a failure-rate measure')
    if (rate > 1) throw new InvalidInputError(`leaves[${i}].expected_rate must be <= 1; got ${rate}`, { field: `leaves[${i}].expected_rate`, value: rate, limit: 1 })
    return rate
  }
  const need = 'a failure-rate measure without expected_rate'
  const expectedRequests = amount(row, i, 'expected_requests', need)
  const expectedErrors = amount(row, i, 'expected_errors', need)
  if (expectedErrors > expectedRequests) {
    throw new InvalidInputError(`leaves[${i}].expected_errors (${expectedErrors}) must be <= expected_requests (${expectedRequests})`, {
      field: `leaves[${i}].expected_errors`,
      value: expectedErrors,
      limit: expectedRequests,
    })
  }
  return expectedRequests > 0 ? expectedErrors / expectedRequests : Number.NaN
}

/** A leaf that expected no requests is expected to fail at the overall observed rate. */
function fillUnknownRates(rates: Float64Array, requests: Float64Array, errors: Float64Array): void {
  let totalRequests = 0
  let totalErrors = 0
  for (let i = 0; i < rates.length; i++) {
    totalRequests += requests[i] as number
    totalErrors += errors[i] as number
  }
  const overall = totalRequests > 0 ? totalErrors / totalRequests : 0
  for (let i = 0; i < rates.length; i++) if (Number.isNaN(rates[i])) rates[i] = overall
}

function amount(row: Row, i: number, field: string, need: string): number {
  const value = row[field]
  if (value === undefined) {
    throw new InvalidInputError(`leaves[${i}].${field} is missing; ${need} needs it in every leaf (see docs/localize.md)`, { field: `leaves[${i}].${field}` })
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidInputError(`leaves[${i}].${field} must be a finite number; got ${JSON.stringify(value)}`, { field: `leaves[${i}].${field}`, value })
  }
  if (value < 0) throw new InvalidInputError(`leaves[${i}].${field} must be >= 0; got ${value}`, { field: `leaves[${i}].${field}`, value, limit: 0 })
  return value
}
