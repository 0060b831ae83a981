import type { DuckDBConnection } from '@duckdb/node-api'
import type { Frame, InputKind, RawColumn } from '../features/frame.js'
import { epochToMs, parseTimestamp } from '../features/parse-timestamp.js'
import type { ColumnKind } from './column-kind.js'
import { quoteIdent, quoteLiteral } from './duckdb.js'

export interface FrameColumn {
  readonly name: string
  /** What the pipeline wants. */
  readonly as: InputKind
  /** What the dataset holds. */
  readonly source: ColumnKind
}

/**
 * Read the chosen columns of a stored dataset into a frame, chunk by chunk.
 * Timestamps become epoch milliseconds (UTC) here by the same rules
 * `parseTimestamp` applies to JSON events at prediction time.
 */
export async function readFrame(conn: DuckDBConnection, parquetFile: string, columns: readonly FrameColumn[], rows: number): Promise<Frame> {
  const out = new Map<string, RawColumn>()
  if (columns.length === 0) return { rows, columns: out }
  const buffers: ColumnBuffer[] = columns.map((c) =>
    sqlKind(c) === 'text' ? { kind: 'text', text: new Array<string | null>(rows).fill(null) } : { kind: 'num', num: new Float64Array(rows) },
  )
  const select = columns.map((c) => selectExpr(c)).join(', ')
  const result = await conn.stream(`SELECT ${select} FROM read_parquet(${quoteLiteral(parquetFile)})`)
  let offset = 0
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const n = chunk.rowCount
    columns.forEach((_, c) => {
      const vector = chunk.getColumnVector(c)
      const buffer = buffers[c]
      if (buffer?.kind === 'num') {
        for (let i = 0; i < n; i++) {
          const v = vector.getItem(i)
          buffer.num[offset + i] = typeof v === 'number' ? v : NaN
        }
      } else if (buffer?.kind === 'text') {
        for (let i = 0; i < n; i++) {
          const v = vector.getItem(i)
          buffer.text[offset + i] = v === null || v === undefined ? null : String(v)
        }
      }
    })
    offset += n
  }
  columns.forEach((c, i) => {
    const buffer = buffers[i]
    if (!buffer) return
    if (c.as === 'string') out.set(c.name, { kind: 'string', values: buffer.kind === 'text' ? buffer.text : Array.from(buffer.num, (v) => (Number.isNaN(v) ? null : String(v))) })
    else if (c.as === 'temporal') out.set(c.name, { kind: 'temporal', values: toEpochMs(c, buffer) })
    else out.set(c.name, { kind: 'numeric', values: buffer.kind === 'num' ? buffer.num : new Float64Array(rows).fill(NaN) })
  })
  return { rows, columns: out }
}

type ColumnBuffer = { readonly kind: 'num'; readonly num: Float64Array } | { readonly kind: 'text'; readonly text: (string | null)[] }

function sqlKind(c: FrameColumn): 'number' | 'text' {
  if (c.as === 'string') return 'text'
  if (c.as === 'temporal') return c.source === 'temporal' || c.source === 'numeric' ? 'number' : 'text'
  return 'number'
}

function selectExpr(c: FrameColumn): string {
  const q = quoteIdent(c.name)
  if (sqlKind(c) === 'text') return `${q}::VARCHAR`
  if (c.as === 'temporal' && c.source === 'temporal') return `epoch_ms(TRY_CAST(${q} AS TIMESTAMP))::DOUBLE`
  if (c.source === 'boolean') return `${q}::INTEGER::DOUBLE`
  return `TRY_CAST(${q} AS DOUBLE)`
}

function toEpochMs(c: FrameColumn, buffer: ColumnBuffer): Float64Array {
  if (buffer.kind === 'text') return Float64Array.from(buffer.text, (v) => parseTimestamp(v))
  if (c.source === 'numeric') return buffer.num.map(epochToMs)
  return buffer.num
}
