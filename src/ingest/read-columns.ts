import type { DuckDBConnection } from '@duckdb/node-api'
import { quoteIdent, quoteLiteral } from './duckdb.js'

/** Read one column as text (NULL → null), e.g. labels to validate. */
export async function readTextColumn(conn: DuckDBConnection, parquetFile: string, name: string): Promise<(string | null)[]> {
  const result = await conn.runAndReadAll(`SELECT ${quoteIdent(name)}::VARCHAR AS v FROM read_parquet(${quoteLiteral(parquetFile)})`)
  return result.getColumnsJS()[0]?.map((v) => (v === null || v === undefined ? null : String(v))) ?? []
}
