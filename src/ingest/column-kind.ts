/** How Vigil can use a column, derived from its DuckDB type. */
export type ColumnKind = 'numeric' | 'boolean' | 'string' | 'temporal' | 'nested' | 'other'

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/
const TEMPORAL = /^(DATE|TIME|TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|TIMESTAMP WITH TIME ZONE|TIME WITH TIME ZONE|INTERVAL)$/

export function columnKind(duckdbType: string): ColumnKind {
  const t = duckdbType.toUpperCase()
  if (NUMERIC.test(t)) return 'numeric'
  if (t === 'BOOLEAN') return 'boolean'
  if (t === 'VARCHAR' || t.startsWith('ENUM')) return 'string'
  if (TEMPORAL.test(t)) return 'temporal'
  if (t.startsWith('STRUCT') || t.startsWith('MAP') || t.endsWith('[]') || /\[\d+\]$/.test(t) || t === 'JSON') return 'nested'
  return 'other'
}
