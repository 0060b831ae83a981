import type { DuckDBConnection } from '@duckdb/node-api'
import { quoteIdent } from './duckdb.js'
import type { ColumnInfo } from './load-table.js'
import { profileColumn } from './profile-column.js'
import { finiteNumber, TOP_VALUES, type ColumnProfile } from './profile-table.js'

type Row = Record<string, unknown>

/**
 * Several columns in one query: the table is unpivoted to (column, value)
 * pairs and aggregated per column, so a short, wide table costs one query per
 * group instead of two per column (each query has a fixed cost of a few
 * milliseconds, which dominated: 2,000 columns took ~8,000 queries). The
 * numbers are those profileColumn gives. `t` is the quoted table name;
 * numeric columns of a group share one DuckDB type (distinct values are
 * counted over it).
 */
export async function profileGroup(conn: DuckDBConnection, t: string, cols: readonly ColumnInfo[], rows: number): Promise<ColumnProfile[]> {
  const first = cols[0]
  if (first === undefined) return []
  return first.kind === 'numeric' || first.kind === 'boolean' ? profileNumericGroup(conn, t, cols, rows) : profileTextGroup(conn, t, cols, rows)
}

function unpivot(t: string, cols: readonly ColumnInfo[], cast = ''): string {
  return `UNPIVOT (SELECT ${cols.map((c, i) => `${quoteIdent(c.name)}${cast} AS c${i}`).join(', ')} FROM ${t}) ON COLUMNS(*) INTO NAME name VALUE value`
}

/** `c12` → 12 */
function indexOf(row: Row): number {
  return Number(String(row.name).slice(1))
}

async function profileNumericGroup(conn: DuckDBConnection, t: string, cols: readonly ColumnInfo[], rows: number): Promise<ColumnProfile[]> {
  const v = cols[0]?.kind === 'boolean' ? 'value::INTEGER' : 'value::DOUBLE'
  // statistics over finite values: inf/nan in a file must not fail the upload
  const finiteOnly = `FILTER (WHERE isfinite(${v}::DOUBLE))`
  let found: Row[]
  try {
    found = (await conn.runAndReadAll(
      `SELECT name, count(value) AS n, count(DISTINCT value) AS distinct_n, min(${v}) ${finiteOnly} AS mn, max(${v}) ${finiteOnly} AS mx,
              avg(${v}) ${finiteOnly} AS mean, stddev_pop(${v}) ${finiteOnly} AS std
       FROM (${unpivot(t, cols)}) GROUP BY name`,
    )).getRowObjectsJS()
  } catch {
    // mean and std can overflow (values near 1e308): column by column, such a column simply has none
    const out: ColumnProfile[] = []
    for (const col of cols) out.push(await profileColumn(conn, t, col))
    return out
  }
  const byIndex = new Map(found.map((r) => [indexOf(r), r]))
  return cols.map((col, i) => {
    const r = byIndex.get(i) ?? {}
    const count = Number(r.n ?? 0)
    return {
      ...col,
      count,
      missing: rows - count,
      distinct: Number(r.distinct_n ?? 0),
      ...finiteNumber('min', r.mn),
      ...finiteNumber('max', r.mx),
      ...finiteNumber('mean', r.mean),
      ...finiteNumber('std', r.std),
    }
  })
}

async function profileTextGroup(conn: DuckDBConnection, t: string, cols: readonly ColumnInfo[], rows: number): Promise<ColumnProfile[]> {
  // per column and value its count; then per column the totals, the range and the most frequent values
  const found = (await conn.runAndReadAll(
    `WITH g AS (SELECT name, value, count(*) AS n FROM (${unpivot(t, cols, '::VARCHAR')}) GROUP BY name, value)
     SELECT name, value, n,
            sum(n) OVER (PARTITION BY name) AS total, count(*) OVER (PARTITION BY name) AS distinct_n,
            min(value) OVER (PARTITION BY name) AS mn, max(value) OVER (PARTITION BY name) AS mx,
            row_number() OVER (PARTITION BY name ORDER BY n DESC, value) AS rank
     FROM g QUALIFY rank <= ${TOP_VALUES} ORDER BY name, rank`,
  )).getRowObjectsJS()
  const byIndex = new Map<number, Row[]>()
  for (const r of found) {
    const list = byIndex.get(indexOf(r)) ?? []
    list.push(r)
    byIndex.set(indexOf(r), list)
  }
  return cols.map((col, i) => {
    const top = byIndex.get(i) ?? []
    const head = top[0]
    const count = head === undefined ? 0 : Number(head.total)
    return {
      ...col,
      count,
      missing: rows - count,
      distinct: head === undefined ? 0 : Number(head.distinct_n),
      ...(head === undefined ? {} : { min: String(head.mn), max: String(head.mx) }),
      top_values: top.map((r) => ({ value: String(r.value), count: Number(r.n) })),
    }
  })
}
