import type { DuckDBConnection } from '@duckdb/node-api'
import { quoteIdent } from './duckdb.js'
import type { ColumnInfo } from './load-table.js'
import { finiteNumber, TOP_VALUES, type ColumnProfile } from './profile-table.js'

/**
 * One column, in its own queries: best for long tables, where each query's
 * fixed cost is small next to the scan (profile-group.ts does short, wide
 * tables). `t` is the quoted table name.
 */
export async function profileColumn(conn: DuckDBConnection, t: string, col: ColumnInfo): Promise<ColumnProfile> {
  const c = quoteIdent(col.name)
  if (col.kind === 'numeric' || col.kind === 'boolean') {
    const v = col.kind === 'boolean' ? `${c}::INTEGER` : `${c}::DOUBLE`
    // statistics over finite values: inf/nan in a file must not fail the upload
    const finiteOnly = `FILTER (WHERE isfinite(${v}::DOUBLE))`
    const counts =
      (await conn.runAndReadAll(
        `SELECT count(${c}) AS n, count(*) - count(${c}) AS missing, count(DISTINCT ${c}) AS distinct_n,
                min(${v}) ${finiteOnly} AS mn, max(${v}) ${finiteOnly} AS mx FROM ${t}`,
      )).getRowObjectsJS()[0] ?? {}
    // mean and std can still overflow (values near 1e308): then they are left out
    const moments = await conn
      .runAndReadAll(`SELECT avg(${v}) ${finiteOnly} AS mean, stddev_pop(${v}) ${finiteOnly} AS std FROM ${t}`)
      .then((res) => res.getRowObjectsJS()[0] ?? {}, () => ({}))
    const r: Record<string, unknown> = { ...counts, ...moments }
    return {
      ...col,
      count: Number(r.n),
      missing: Number(r.missing),
      distinct: Number(r.distinct_n),
      ...finiteNumber('min', r.mn),
      ...finiteNumber('max', r.mx),
      ...finiteNumber('mean', r.mean),
      ...finiteNumber('std', r.std),
    }
  }
  const text = `${c}::VARCHAR`
  const r =
    (await conn.runAndReadAll(
      `SELECT count(${c}) AS n, count(*) - count(${c}) AS missing, count(DISTINCT ${text}) AS distinct_n,
              min(${text}) AS mn, max(${text}) AS mx FROM ${t}`,
    )).getRowObjectsJS()[0] ?? {}
  const top = (await conn.runAndReadAll(
    `SELECT ${text} AS value, count(*) AS n FROM ${t} WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP_VALUES}`,
  )).getRowObjectsJS()
  return {
    ...col,
    count: Number(r.n),
    missing: Number(r.missing),
    distinct: Number(r.distinct_n),
    ...(r.mn === null || r.mn === undefined ? {} : { min: String(r.mn), max: String(r.mx) }),
    top_values: top.map((row) => ({ value: String(row.value), count: Number(row.n) })),
  }
}
