import type { Rng } from '../../math/random.js'

/**
 * Draw `draws` row indices with replacement and record how often each row was
 * drawn (`counts`, one per training row). Duplicated rows become integer
 * weights instead of copies, as scikit-learn does, so a tree's memory does not
 * grow with the bootstrap.
 */
export function drawBootstrap(counts: Int32Array, draws: number, rng: Rng): void {
  counts.fill(0)
  const n = counts.length
  for (let i = 0; i < draws; i++) counts[rng.int(n)]++
}

/** Every row once (bootstrap off). */
export function useEveryRow(counts: Int32Array): void {
  counts.fill(1)
}

/** Write the rows with a non-zero count to `rows` in ascending order and return how many there are. */
export function inBagRows(counts: Int32Array, rows: Int32Array): number {
  let size = 0
  for (let i = 0; i < counts.length; i++) if ((counts[i] as number) > 0) rows[size++] = i
  return size
}
