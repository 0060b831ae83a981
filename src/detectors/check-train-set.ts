import { InvalidInputError } from '../errors.js'
import { firstNonFinite } from '../math/matrix.js'
import type { TrainSet } from './types.js'

/**
 * Refuse a training set no detector can use, before any fitting starts: no
 * rows or columns, NaN or ±Infinity, or labels that do not match the rows.
 * Applied by the registry to every plugin, so no plugin repeats it.
 */
export function checkTrainSet(pluginId: string, train: TrainSet, supervised: boolean): void {
  const { X } = train
  if (X.rows === 0 || X.cols === 0) {
    throw new InvalidInputError(`${pluginId} needs at least one row and one feature; got ${X.rows} x ${X.cols}`, { field: 'X', value: [X.rows, X.cols] })
  }
  const bad = firstNonFinite(X)
  if (bad >= 0) {
    const column = train.featureNames[bad % X.cols] ?? `column ${bad % X.cols}`
    throw new InvalidInputError(
      `${pluginId} cannot train on non-finite values: '${column}' is ${X.data[bad]} at row ${Math.floor(bad / X.cols)}`,
      { field: column, value: String(X.data[bad]) },
    )
  }
  if (supervised) {
    const y = train.y
    if (!y || y.length !== X.rows) {
      throw new InvalidInputError(`${pluginId} is supervised: it needs one 0/1 label per row (got ${y?.length ?? 0} labels for ${X.rows} rows)`, {
        field: 'label_column',
      })
    }
    let positives = 0
    for (let i = 0; i < y.length; i++) {
      const v = y[i] as number
      if (v !== 0 && v !== 1) throw new InvalidInputError(`labels must be 0 or 1; row ${i} has ${v}`, { field: 'label_column', value: v })
      positives += v
    }
    if (positives === 0 || positives === y.length) {
      throw new InvalidInputError(`${pluginId} needs both classes in the labels; found only ${positives === 0 ? 0 : 1} (${y.length} rows)`, {
        field: 'label_column',
        value: positives === 0 ? 0 : 1,
      })
    }
  }
}
