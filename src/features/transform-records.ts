import { InvalidInputError } from '../errors.js'
import type { FeatureSpec } from './feature-spec.js'
import { transformColumns, type Transformed } from './transform-columns.js'

export interface TransformedRecords extends Transformed {
  /** Per row: the spec's columns that the row did not provide (imputed). */
  readonly missing: string[][]
}

/**
 * JSON rows from a prediction request → model matrix, with exactly the
 * training columns and imputation. Numbers, numeric strings and booleans are
 * accepted; anything else for a numeric feature is a 400 naming the field.
 */
export function transformRecords(
  spec: FeatureSpec,
  records: readonly Readonly<Record<string, unknown>>[],
  pathOf: (row: number, column: string) => string,
): TransformedRecords {
  const columns = spec.columns.map(() => new Float64Array(records.length))
  const missing: string[][] = records.map(() => [])
  records.forEach((record, i) => {
    spec.columns.forEach((name, j) => {
      const value = toNumber(record[name], () => pathOf(i, name))
      ;(columns[j] as Float64Array)[i] = value
      if (Number.isNaN(value)) (missing[i] as string[]).push(name)
    })
  })
  return { ...transformColumns(spec, columns), missing }
}

function toNumber(value: unknown, path: () => string): number {
  if (value === undefined || value === null || value === '') return NaN
  if (typeof value === 'boolean') return value ? 1 : 0
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN
  if (!Number.isFinite(n)) {
    throw new InvalidInputError(`${path()} must be a finite number; got ${JSON.stringify(value)}`, { field: path(), value })
  }
  return n
}
