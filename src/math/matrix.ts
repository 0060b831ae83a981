/**
 * A dense row-major matrix of float64 values: row i, column j is
 * `data[i * cols + j]`. One contiguous buffer instead of one Float64Array per
 * row keeps a million-row training set to a single allocation.
 */
export interface Matrix {
  readonly data: Float64Array
  readonly rows: number
  readonly cols: number
}

export function createMatrix(rows: number, cols: number, data?: Float64Array): Matrix {
  const buffer = data ?? new Float64Array(rows * cols)
  if (buffer.length !== rows * cols) {
    throw new RangeError(`matrix data has ${buffer.length} values, expected ${rows} x ${cols} = ${rows * cols}`)
  }
  return { data: buffer, rows, cols }
}

/** Build a matrix from an array of equal-length rows (the loose edge format). */
export function matrixFromRows(rows: readonly (readonly number[] | Float64Array)[]): Matrix {
  const cols = rows[0]?.length ?? 0
  const m = createMatrix(rows.length, cols)
  rows.forEach((row, i) => {
    if (row.length !== cols) throw new RangeError(`row ${i} has ${row.length} values, expected ${cols}`)
    m.data.set(row, i * cols)
  })
  return m
}

/** A view of row i (no copy). */
export function rowView(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols)
}

/** Index of the first value that is NaN or infinite, or -1. */
export function firstNonFinite(m: Matrix): number {
  const d = m.data
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) return i
  }
  return -1
}

/** The given rows of a matrix, copied in that order. */
export function selectRows(m: Matrix, rows: ArrayLike<number>): Matrix {
  const out = createMatrix(rows.length, m.cols)
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k] as number
    out.data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), k * m.cols)
  }
  return out
}
