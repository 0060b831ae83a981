import type { DuckDBConnection } from '@duckdb/node-api'
import { quoteIdent, quoteLiteral } from './duckdb.js'

/**
 * Read columns of a stored Parquet file as Float64Array (NULL → NaN),
 * chunk by chunk so no intermediate JS objects are built per row.
 */
export async function readNumericColumns(conn: DuckDBConnection, parquetFile: string, names: readonly string[]): Promise<Float64Array[]> {
  const select = names.map((n) => `TRY_CAST(${quoteIdent(n)} AS DOUBLE)`).join(', ')
  const count = await conn.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM read_parquet(${quoteLiteral(parquetFile)})`)
  const rows = Number(count.getRowObjectsJS()[0]?.n ?? 0)
  const out = names.map(() => new Float64Array(rows))
  if (names.length === 0) return out
  const result = await conn.stream(`SELECT ${select} FROM read_parquet(${quoteLiteral(parquetFile)})`)
  let offset = 0
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const n = chunk.rowCount
    for (let c = 0; c < names.length; c++) {
      const vector = chunk.getColumnVector(c)
      const target = out[c] as Float64Array
      for (let i = 0; i < n; i++) {
        const v = vector.getItem(i)
        target[offset + i] = typeof v === 'number' ? v : NaN
      }
    }
    offset += n
  }
  return out
}

/** Read one column as text (NULL → null), e.g. labels to validate. */
export async function readTextColumn(conn: DuckDBConnection, parquetFile: string, name: string): Promise<(string | null)[]> {
  const result = await conn.runAndReadAll(`SELECT ${quoteIdent(name)}::VARCHAR AS v FROM read_parquet(${quoteLiteral(parquetFile)})`)
  return result.getColumnsJS()[0]?.map((v) => (v === null || v === undefined ? null : String(v))) ?? []
}
