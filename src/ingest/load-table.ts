import type { DuckDBConnection } from '@duckdb/node-api'
import { InvalidInputError } from '../errors.js'
import { columnKind, type ColumnKind } from './column-kind.js'
import type { DatasetFormat } from './dataset-format.js'
import { quoteIdent, quoteLiteral } from './duckdb.js'

export interface ColumnInfo {
  readonly name: string
  /** DuckDB's type name, e.g. DOUBLE, BIGINT, VARCHAR, TIMESTAMP. */
  readonly type: string
  readonly kind: ColumnKind
}

export interface LoadedTable {
  readonly table: string
  readonly rows: number
  readonly columns: ColumnInfo[]
}

function readerSql(source: LoadSource): string {
  const { format, delimiter } = source
  const f = quoteLiteral(source.file)
  // deeper levels stay JSON text (a guard behind the upload's own depth check);
  // records wider than DuckDB's default MAP threshold stay columns
  const json = `${source.maxJsonDepth === undefined ? '' : `, maximum_depth = ${source.maxJsonDepth}`}${source.mapInferenceThreshold === undefined ? '' : `, map_inference_threshold = ${source.mapInferenceThreshold}`}`
  switch (format) {
    case 'csv':
      // header, quoting and types are sniffed; empty cells become NULL; with the
      // delimiter fixed from the header line, ragged rows are an error rather than
      // silently padded or re-sniffed as one column
      // sample_size = -1: types come from every row, so a 1.5 at row 30,000 of an
      // otherwise whole-number column is not silently rounded
      return `read_csv(${f}, auto_detect = true, sample_size = -1, strict_mode = true, null_padding = false${delimiter === undefined ? '' : `, delim = ${quoteLiteral(delimiter)}`})`
    case 'json':
      return `read_json(${f}, format = 'array', records = 'true'${json})`
    case 'jsonl':
      return `read_json(${f}, format = 'newline_delimited', records = 'true'${json})`
    case 'parquet':
      return `read_parquet(${f})`
  }
}

/** Parse an uploaded file into a temp table of the connection; malformed content is a 400 naming the problem. */
export interface LoadSource {
  readonly file: string
  readonly format: DatasetFormat
  readonly originalName: string
  /** CSV only: the delimiter from the header line. */
  readonly delimiter?: string | undefined
  /** JSON only: DuckDB's `maximum_depth`. */
  readonly maxJsonDepth?: number | undefined
  /** JSON only: DuckDB's `map_inference_threshold` (objects with this many keys or more become a MAP). */
  readonly mapInferenceThreshold?: number | undefined
}

export async function loadTable(conn: DuckDBConnection, source: LoadSource, table: string): Promise<void> {
  const { file, format, originalName } = source
  try {
    await conn.run(`CREATE TEMP TABLE ${quoteIdent(table)} AS SELECT * FROM ${readerSql(source)}`)
  } catch (err) {
    throw new InvalidInputError(`could not read '${originalName}' as ${format.toUpperCase()}: ${cleanDuckDbMessage(err, { [file]: originalName })}`, {
      field: 'file',
      value: originalName,
      format,
    })
  }
}

export async function describeTable(conn: DuckDBConnection, table: string): Promise<LoadedTable> {
  const info = await conn.runAndReadAll(`DESCRIBE ${quoteIdent(table)}`)
  const columns = info.getRowObjectsJS().map((r) => {
    const type = String(r.column_type)
    return { name: String(r.column_name), type, kind: columnKind(type) }
  })
  const count = await conn.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${quoteIdent(table)}`)
  const rows = Number(count.getRowObjectsJS()[0]?.n ?? 0)
  return { table, rows, columns }
}

/**
 * DuckDB messages carry an error class prefix and long sniffer hints, and name
 * files by their server path: keep the first line, with paths replaced by the
 * names the user knows.
 */
export function cleanDuckDbMessage(err: unknown, paths: Readonly<Record<string, string>> = {}): string {
  const raw = err instanceof Error ? err.message : String(err)
  let line = (raw.replace(/^[A-Za-z ]+ Error: /, '').split('\n')[0] ?? '').trim()
  for (const [path, name] of Object.entries(paths)) line = line.replaceAll(path, name)
  // any other absolute path under the storage root is nobody's business
  line = line.replace(/\/[^\s"']*\/\.tmp-[^\s"']*/g, '<upload>')
  return line.length > 300 ? `${line.slice(0, 300)}…` : line
}
