import type { Frame, RawColumn } from './frame.js'
import type { PipelineSpec, SeriesTail } from './pipeline-spec.js'
import { rowOrder } from './row-order.js'

/** Series remembered for serving; beyond this, the least recently active series get no stored history. */
const MAX_TAIL_SERIES = 10_000

/** The last `length` rows of every series of the training frame, for the lag columns. */
export function seriesTails(frame: Frame, spec: Pick<PipelineSpec, 'timestamp_column' | 'series_column'>, lagColumns: readonly string[], length: number): SeriesTail[] {
  if (length === 0 || lagColumns.length === 0) return []
  const { groups } = rowOrder(frame, spec.timestamp_column, spec.series_column)
  const time = spec.timestamp_column ? frame.columns.get(spec.timestamp_column) : undefined
  const series = spec.series_column ? frame.columns.get(spec.series_column) : undefined
  const tails = groups.map((group) => {
    const last = group.subarray(Math.max(0, group.length - length))
    const first = last[0] as number
    return {
      series: series ? keyOf(series, first) : null,
      time: Array.from(last, (i) => numberOrNaN(time, i)),
      values: Object.fromEntries(
        lagColumns.map((c) => {
          const col = frame.columns.get(c)
          return [c, Array.from(last, (i) => nullable(numberOrNaN(col, i)))]
        }),
      ),
    }
  })
  // keep the series seen most recently
  tails.sort((a, b) => lastTime(b) - lastTime(a))
  return tails.slice(0, MAX_TAIL_SERIES).map((t) => ({ ...t, time: t.time.map((v) => (Number.isNaN(v) ? 0 : v)) }))
}

/** Stored tails → a frame with the pipeline's inputs (other inputs missing), to prepend to new rows. */
export function tailsFrame(spec: PipelineSpec): Frame {
  const rows = spec.tails.reduce((n, t) => n + t.time.length, 0)
  const columns = new Map<string, RawColumn>()
  for (const input of spec.inputs) {
    if (input.kind === 'string') {
      const values: (string | null)[] = []
      for (const t of spec.tails) for (let k = 0; k < t.time.length; k++) values.push(input.name === spec.series_column ? t.series : null)
      columns.set(input.name, { kind: 'string', values })
      continue
    }
    const values = new Float64Array(rows).fill(NaN)
    let offset = 0
    for (const t of spec.tails) {
      const stored = input.name === spec.timestamp_column ? t.time : t.values[input.name]
      if (stored) stored.forEach((v, k) => (values[offset + k] = v ?? NaN))
      offset += t.time.length
    }
    columns.set(input.name, { kind: input.kind, values })
  }
  return { rows, columns }
}

function keyOf(col: RawColumn, i: number): string | null {
  return col.kind === 'string' ? (col.values[i] ?? null) : String(col.values[i])
}

function numberOrNaN(col: RawColumn | undefined, i: number): number {
  return col && col.kind !== 'string' ? (col.values[i] as number) : NaN
}

function nullable(v: number): number | null {
  return Number.isNaN(v) ? null : v
}

function lastTime(t: { time: number[] }): number {
  const v = t.time[t.time.length - 1]
  return v === undefined || Number.isNaN(v) ? -Infinity : v
}
