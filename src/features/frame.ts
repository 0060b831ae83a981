/**
 * Raw input columns before feature engineering: what DuckDB reads from a
 * stored dataset at training time, and what JSON events become at prediction
 * time. Both paths produce this one shape, and one transform turns it into
 * model inputs, so training and serving cannot disagree.
 */
export type RawColumn =
  /** Numbers (and booleans as 0/1); NaN = missing. */
  | { readonly kind: 'numeric'; readonly values: Float64Array }
  /** Epoch milliseconds (UTC); NaN = missing. */
  | { readonly kind: 'temporal'; readonly values: Float64Array }
  /** Text categories; null = missing. */
  | { readonly kind: 'string'; readonly values: (string | null)[] }

export type InputKind = RawColumn['kind']

export interface Frame {
  readonly rows: number
  readonly columns: ReadonlyMap<string, RawColumn>
}

/** Rows `indices` of a frame, in that order. */
export function takeRows(frame: Frame, indices: ArrayLike<number>): Frame {
  const columns = new Map<string, RawColumn>()
  for (const [name, col] of frame.columns) {
    if (col.kind === 'string') {
      columns.set(name, { kind: 'string', values: Array.from({ length: indices.length }, (_, i) => col.values[indices[i] as number] ?? null) })
    } else {
      const values = new Float64Array(indices.length)
      for (let i = 0; i < indices.length; i++) values[i] = col.values[indices[i] as number] as number
      columns.set(name, { kind: col.kind, values })
    }
  }
  return { rows: indices.length, columns }
}

/** Frames with the same columns, stacked. */
export function concatFrames(frames: readonly Frame[]): Frame {
  const first = frames[0]
  if (!first) return { rows: 0, columns: new Map() }
  const rows = frames.reduce((n, f) => n + f.rows, 0)
  const columns = new Map<string, RawColumn>()
  for (const [name, col] of first.columns) {
    if (col.kind === 'string') {
      columns.set(name, { kind: 'string', values: frames.flatMap((f) => (f.columns.get(name)?.values as (string | null)[] | undefined) ?? Array<null>(f.rows).fill(null)) })
    } else {
      const values = new Float64Array(rows)
      let offset = 0
      for (const f of frames) {
        const c = f.columns.get(name)
        if (c && c.kind !== 'string') values.set(c.values, offset)
        else values.fill(NaN, offset, offset + f.rows)
        offset += f.rows
      }
      columns.set(name, { kind: col.kind, values })
    }
  }
  return { rows, columns }
}
