import { DuckDBTypeId, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api'
import { quoteIdent } from './duckdb.js'

/**
 * Replace nested objects by one column per leaf, named by its dot path
 * (`userIdentity.type`), the same names `flattenRecord` gives a JSON event at
 * prediction time. Lists and maps stay as they are. Returns the table to use
 * (the input table when nothing is nested).
 */
export async function flattenStructs(conn: DuckDBConnection, table: string): Promise<string> {
  const probe = await conn.run(`SELECT * FROM ${quoteIdent(table)} LIMIT 0`)
  const names = probe.columnNames()
  const types = probe.columnTypes()
  if (!types.some((t) => t.typeId === DuckDBTypeId.STRUCT)) return table
  const selects: string[] = []
  const taken = new Set<string>()
  const unique = (name: string): string => {
    let candidate = name
    for (let i = 2; taken.has(candidate); i++) candidate = `${name}_${i}`
    taken.add(candidate)
    return candidate
  }
  const visit = (expr: string, path: string, type: DuckDBType): void => {
    if (type.typeId !== DuckDBTypeId.STRUCT) {
      selects.push(`${expr} AS ${quoteIdent(unique(path))}`)
      return
    }
    if (type.entryNames.length === 0) return
    type.entryNames.forEach((entry, i) => visit(`${expr}.${quoteIdent(entry)}`, `${path}.${entry}`, type.entryTypes[i] as DuckDBType))
  }
  names.forEach((name, i) => visit(quoteIdent(name), name, types[i] as DuckDBType))
  const flat = `${table}_flat`
  await conn.run(`CREATE TEMP TABLE ${quoteIdent(flat)} AS SELECT ${selects.join(', ')} FROM ${quoteIdent(table)}`)
  return flat
}
