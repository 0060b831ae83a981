/** Read a labelled numeric CSV: header row, numeric features, last column `is_anomaly` (0/1). */
import { readFileSync } from 'node:fs'
import { createMatrix, type Matrix } from '../src/math/matrix.js'

export const LABEL_COLUMN = 'is_anomaly'

export interface LabelledData {
  readonly X: Matrix
  /** 1 = anomaly. Used for evaluation only, never for fitting. */
  readonly y: Uint8Array
  readonly featureNames: readonly string[]
}

export function loadLabelledCsv(file: string): LabelledData {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '')
  const header = (lines[0] ?? '').split(',').map((name) => name.trim())
  if (header.length < 2 || header[header.length - 1] !== LABEL_COLUMN) {
    throw new Error(`${file}: expected a header whose last column is ${LABEL_COLUMN}, got "${lines[0] ?? ''}"`)
  }
  const cols = header.length - 1
  const rows = lines.length - 1
  const X = createMatrix(rows, cols)
  const y = new Uint8Array(rows)
  for (let r = 0; r < rows; r++) {
    const cells = (lines[r + 1] as string).split(',')
    if (cells.length !== cols + 1) throw new Error(`${file}:${r + 2}: ${cells.length} values, expected ${cols + 1}`)
    for (let c = 0; c < cols; c++) {
      const v = Number(cells[c])
      if (!Number.isFinite(v)) throw new Error(`${file}:${r + 2}: column ${header[c]} is not a finite number: "${cells[c]}"`)
      X.data[r * cols + c] = v
    }
    const label = Number(cells[cols])
    if (label !== 0 && label !== 1) throw new Error(`${file}:${r + 2}: ${LABEL_COLUMN} must be 0 or 1, got "${cells[cols]}"`)
    y[r] = label
  }
  return { X, y, featureNames: header.slice(0, cols) }
}
