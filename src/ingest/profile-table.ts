import type { DuckDBConnection } from '@duckdb/node-api'
import type { ColumnKind } from './column-kind.js'
import { quoteIdent } from './duckdb.js'
import type { ColumnInfo } from './load-table.js'
import { profileColumn } from './profile-column.js'
import { profileGroup } from './profile-group.js'

export interface TopValue {
  readonly value: string
  readonly count: number
}

/** What a person checks first about a column. */
export interface ColumnProfile {
  readonly name: string
  readonly type: string
  readonly kind: ColumnKind
  /** Non-missing values. */
  readonly count: number
  readonly missing: number
  readonly distinct: number
  readonly min?: number | string
  readonly max?: number | string
  readonly mean?: number
  readonly std?: number
  readonly top_values?: TopValue[]
}

export const TOP_VALUES = 5
/**
 * From this many rows on, each column gets its own queries (the scan
 * outweighs a query's fixed cost); below it, columns are profiled in groups.
 */
const GROUP_BELOW_ROWS = 50_000
/** Cells (rows × columns) one grouped query covers, at most. */
const CELLS_PER_GROUP = 2_000_000
const MAX_GROUP = 256

/**
 * Profile every column: count, missing, distinct; min/max/mean/std for
 * numbers, top values otherwise. The cost is linear in rows × columns: long
 * tables are profiled column by column, short wide ones in groups of
 * columns per query (profile-group.ts), so no table pays thousands of
 * queries' fixed costs.
 */
export async function profileTable(conn: DuckDBConnection, table: string, columns: ColumnInfo[]): Promise<ColumnProfile[]> {
  const t = quoteIdent(table)
  const rows = Number((await conn.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${t}`)).getRowObjectsJS()[0]?.n ?? 0)
  if (rows >= GROUP_BELOW_ROWS) {
    const out: ColumnProfile[] = []
    for (const col of columns) out.push(await profileColumn(conn, t, col))
    return out
  }
  const size = Math.max(1, Math.min(MAX_GROUP, Math.floor(CELLS_PER_GROUP / Math.max(1, rows))))
  // numeric columns group by DuckDB type (distinct values are counted in it), the rest as text
  const groups = new Map<string, ColumnInfo[]>()
  for (const col of columns) {
    const key = col.kind === 'numeric' || col.kind === 'boolean' ? `n:${col.type}` : 'text'
    groups.set(key, [...(groups.get(key) ?? []), col])
  }
  const byName = new Map<string, ColumnProfile>()
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += size) {
      for (const p of await profileGroup(conn, t, group.slice(i, i + size), rows)) byName.set(p.name, p)
    }
  }
  return columns.map((c) => byName.get(c.name) as ColumnProfile)
}

export function finiteNumber(key: string, value: unknown): Record<string, number> {
  const n = Number(value)
  return value !== null && value !== undefined && Number.isFinite(n) ? { [key]: n } : {}
}
