import type { BinnedData } from './binned-data.js'
import type { TreeBuffer } from './tree-buffer.js'

/**
 * The held-out rows for early stopping, copied into compact arrays: their
 * bins row-major, their labels, and their raw scores, which follow the
 * ensemble as it grows.
 */
export interface ValidationSet {
  readonly bins: Uint8Array
  readonly cols: number
  readonly y: Uint8Array
  readonly raw: Float64Array
}

export function createValidationSet(binned: BinnedData, y: Uint8Array, rows: Int32Array, baseline: number): ValidationSet {
  const cols = binned.columns.length
  const bins = new Uint8Array(rows.length * cols)
  binned.columns.forEach((column, f) => {
    for (let k = 0; k < rows.length; k++) bins[k * cols + f] = column[rows[k] as number] as number
  })
  return { bins, cols, y: Uint8Array.from(rows, (r) => y[r] as number), raw: new Float64Array(rows.length).fill(baseline) }
}

/** Add one tree's output to the held-out rows' raw scores, routing them by their bins (the training-time view of the tree). */
export function addTree(v: ValidationSet, buf: TreeBuffer, root: number): void {
  const { feature, bin, left, value } = buf
  const { bins, cols, raw } = v
  for (let k = 0; k < raw.length; k++) {
    const base = k * cols
    let node = root
    let f = feature[node] as number
    while (f >= 0) {
      node = (bins[base + f] as number) <= (bin[node] as number) ? (left[node] as number) : (left[node] as number) + 1
      f = feature[node] as number
    }
    raw[k] = (raw[k] as number) + (value[node] as number)
  }
}
