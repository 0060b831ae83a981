import type { DuckDBConnection } from '@duckdb/node-api'
import type { ColumnKind } from './column-kind.js'
import { quoteIdent } from './duckdb.js'
import type { ColumnInfo } from './load-table.js'

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

const TOP_VALUES = 5

/** Profile every column: count, missing, distinct; min/max/mean/std for numbers, top values otherwise. */
export async function profileTable(conn: DuckDBConnection, table: string, columns: ColumnInfo[]): Promise<ColumnProfile[]> {
  const t = quoteIdent(table)
  const profiles: ColumnProfile[] = []
  for (const col of columns) {
    const c = quoteIdent(col.name)
    if (col.kind === 'numeric' || col.kind === 'boolean') {
      const v = col.kind === 'boolean' ? `${c}::INTEGER` : `${c}::DOUBLE`
      // statistics over finite values: inf/nan in a file must not fail the upload
      const finiteOnly = `FILTER (WHERE isfinite(${v}::DOUBLE))`
      const counts = (await conn.runAndReadAll(
        `SELECT count(${c}) AS n, count(*) - count(${c}) AS missing, count(DISTINCT ${c}) AS distinct_n,
                min(${v}) ${finiteOnly} AS mn, max(${v}) ${finiteOnly} AS mx FROM ${t}`,
      )).getRowObjectsJS()[0] ?? {}
      // mean and std can still overflow (values near 1e308): then they are left out
      const moments = await conn
        .runAndReadAll(`SELECT avg(${v}) ${finiteOnly} AS mean, stddev_pop(${v}) ${finiteOnly} AS std FROM ${t}`)
        .then((res) => res.getRowObjectsJS()[0] ?? {}, () => ({}))
      const r: Record<string, unknown> = { ...counts, ...moments }
      profiles.push({
        ...col,
        count: Number(r.n),
        missing: Number(r.missing),
        distinct: Number(r.distinct_n),
        ...finite('min', r.mn),
        ...finite('max', r.mx),
        ...finite('mean', r.mean),
        ...finite('std', r.std),
      })
      continue
    }
    const text = `${c}::VARCHAR`
    const r = (await conn.runAndReadAll(
      `SELECT count(${c}) AS n, count(*) - count(${c}) AS missing, count(DISTINCT ${text}) AS distinct_n,
              min(${text}) AS mn, max(${text}) AS mx FROM ${t}`,
    )).getRowObjectsJS()[0] ?? {}
    const top = (await conn.runAndReadAll(
      `SELECT ${text} AS value, count(*) AS n FROM ${t} WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP_VALUES}`,
    )).getRowObjectsJS()
    profiles.push({
      ...col,
      count: Number(r.n),
      missing: Number(r.missing),
      distinct: Number(r.distinct_n),
      ...(r.mn === null || r.mn === undefined ? {} : { min: String(r.mn), max: String(r.mx) }),
      top_values: top.map((row) => ({ value: String(row.value), count: Number(row.n) })),
    })
  }
  return profiles
}

function finite(key: string, value: unknown): Record<string, number> {
  const n = Number(value)
  return value !== null && value !== undefined && Number.isFinite(n) ? { [key]: n } : {}
}
