import type { DatasetManifest } from '../store/dataset-manifest.js'

/**
 * 002's `data_info`: the upload summary its clients print
 * (`data_info['rows']`, `data_info['columns']`), in pandas' terms. Derived
 * from Vigil's manifest, which says the same with DuckDB types and profiles.
 */
export interface DataInfo {
  readonly filename: string
  readonly rows: number
  /** The number of columns (Vigil's own `columns` is the list). */
  readonly columns: number
  readonly column_names: string[]
  /** Column → pandas dtype name (`int64`, `float64`, `bool`, `object`, `datetime64[ns]`). */
  readonly data_types: Record<string, string>
  /** Column → number of missing values. */
  readonly missing_values: Record<string, number>
  readonly numeric_columns: string[]
  /** Text (and other non-numeric, non-date) columns: pandas' `object` columns. */
  readonly categorical_columns: string[]
  readonly datetime_columns: string[]
}

const INTEGER = /^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/

export function dataInfo(manifest: DatasetManifest): DataInfo {
  const missing = new Map(manifest.profile.map((p) => [p.name, p.missing]))
  const data_types: Record<string, string> = {}
  const missing_values: Record<string, number> = {}
  const numeric: string[] = []
  const categorical: string[] = []
  const datetime: string[] = []
  for (const column of manifest.columns) {
    const nulls = missing.get(column.name) ?? 0
    missing_values[column.name] = nulls
    data_types[column.name] = dtype(column.type, column.kind, nulls)
    if (column.kind === 'numeric') numeric.push(column.name)
    else if (column.kind === 'temporal') datetime.push(column.name)
    else if (column.kind !== 'boolean') categorical.push(column.name)
  }
  return {
    filename: manifest.original_name,
    rows: manifest.rows,
    columns: manifest.columns.length,
    column_names: manifest.columns.map((c) => c.name),
    data_types,
    missing_values,
    numeric_columns: numeric,
    categorical_columns: categorical,
    datetime_columns: datetime,
  }
}

/** The dtype pandas would give the column; an integer column with gaps is float64 in pandas. */
function dtype(duckdbType: string, kind: string, nulls: number): string {
  if (kind === 'numeric') return INTEGER.test(duckdbType.toUpperCase()) && nulls === 0 ? 'int64' : 'float64'
  if (kind === 'boolean') return nulls === 0 ? 'bool' : 'object'
  if (kind === 'temporal') return 'datetime64[ns]'
  return 'object'
}
