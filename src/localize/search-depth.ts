import { InvalidInputError } from '../errors.js'

/** Leaves × cuboids the search may hold in memory (each cell costs up to ~40 bytes): 100,000 leaves in 5 dimensions up to 4 fit. */
export const MAX_SEARCH_CELLS = 4_000_000

/**
 * The largest combination searched, in dimensions. Asked for explicitly, it
 * must fit the budget (a 400 naming it otherwise); by default it is the
 * deepest up to `preferred` that fits, and at least 1.
 */
export function searchDepth(dimensions: number, leaves: number, asked: number | undefined, preferred: number): number {
  if (asked !== undefined) {
    const depth = Math.min(asked, dimensions)
    const cells = cuboidCount(dimensions, depth) * leaves
    if (cells > MAX_SEARCH_CELLS) {
      throw new InvalidInputError(
        `max_dimensions ${asked} over ${dimensions} dimensions and ${leaves} leaves is ${cells} leaf × cuboid cells; the limit is ${MAX_SEARCH_CELLS}: lower max_dimensions or list fewer dimensions`,
        { field: 'max_dimensions', value: asked, limit: MAX_SEARCH_CELLS },
      )
    }
    return depth
  }
  let depth = 1
  while (depth < Math.min(preferred, dimensions) && cuboidCount(dimensions, depth + 1) * leaves <= MAX_SEARCH_CELLS) depth++
  return depth
}

/** Σ C(n, j) for j = 1..k: the cuboids of up to k of n dimensions. */
export function cuboidCount(n: number, k: number): number {
  let total = 0
  let choose = 1
  for (let j = 1; j <= k; j++) {
    choose = (choose * (n - j + 1)) / j
    total += choose
  }
  return Math.round(total)
}
