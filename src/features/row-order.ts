import type { Frame } from './frame.js'

export interface RowOrder {
  /** Row indices grouped by series, each group in time order (ties keep row order). */
  readonly groups: readonly Int32Array[]
}

/**
 * How series features walk the rows: one group per series value (or one
 * group), ordered by the timestamp when there is one, otherwise by position.
 */
export function rowOrder(frame: Frame, timestampColumn: string | null, seriesColumn: string | null): RowOrder {
  const n = frame.rows
  const time = timestampColumn ? frame.columns.get(timestampColumn) : undefined
  const series = seriesColumn ? frame.columns.get(seriesColumn) : undefined
  const groups = new Map<string, number[]>()
  for (let i = 0; i < n; i++) {
    const key = series && series.kind === 'string' ? (series.values[i] ?? '\u0000null') : series ? String(series.values[i]) : ''
    let g = groups.get(key)
    if (!g) groups.set(key, (g = []))
    g.push(i)
  }
  const t = time && time.kind !== 'string' ? time.values : undefined
  return {
    groups: [...groups.values()].map((g) => {
      // rows without a time sort last; equal times keep their order (stable sort)
      if (t) {
        g.sort((a, b) => {
          const x = timeKey(t[a] as number)
          const y = timeKey(t[b] as number)
          return x < y ? -1 : x > y ? 1 : 0
        })
      }
      return Int32Array.from(g)
    }),
  }
}

function timeKey(v: number): number {
  return Number.isNaN(v) ? Infinity : v
}
