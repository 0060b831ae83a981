import type { DuckDBConnection } from '@duckdb/node-api'
import { InvalidInputError } from '../errors.js'
import { quoteIdent } from './duckdb.js'

/** A loaded table (nested fields flattened) with more columns than MAX_COLUMNS is refused before it is profiled. */
export async function assertColumnLimit(conn: DuckDBConnection, table: string, maxColumns: number, name: string): Promise<void> {
  const probe = await conn.run(`SELECT * FROM ${quoteIdent(table)} LIMIT 0`)
  const columns = probe.columnCount
  if (columns > maxColumns) {
    throw new InvalidInputError(`'${name}' has ${columns} columns (nested fields flattened); the limit is ${maxColumns} (MAX_COLUMNS)`, {
      field: 'file',
      value: name,
      limit: maxColumns,
      columns,
    })
  }
}
