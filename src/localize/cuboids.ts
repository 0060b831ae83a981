import type { LeafTable } from './leaf-table.js'

/**
 * A cuboid is a set of dimensions (Country × PI type); its elements are the
 * value combinations present among the leaves (CA × mc). Each leaf belongs
 * to exactly one element of each cuboid.
 */
export interface Cuboid {
  /** Indexes into `LeafTable.dimensions`, ascending. */
  readonly dims: readonly number[]
  /** Element of each leaf. */
  readonly elementOf: Int32Array
  /** Number of elements. */
  readonly size: number
  /** One leaf of each element: its codes in `dims` are the element's values. */
  readonly example: Int32Array
}

/**
 * Every cuboid of 1 to `maxDims` dimensions, smallest first. Element ids
 * are built from the cuboid without its last dimension (id × cardinality +
 * code), so no key ever exceeds leaves × values and no strings are made.
 */
export function buildCuboids(table: LeafTable, maxDims: number): Cuboid[] {
  const byKey = new Map<string, Cuboid>()
  const out: Cuboid[] = []
  for (const dims of subsets(table.dimensions.length, maxDims)) {
    const last = dims[dims.length - 1] as number
    const codes = table.codes[last] as Int32Array
    const cardinality = (table.values[last] as readonly string[]).length
    const prefix = dims.length > 1 ? byKey.get(dims.slice(0, -1).join(',')) : undefined
    const elementOf = new Int32Array(table.size)
    const ids = new Map<number, number>()
    const example: number[] = []
    for (let i = 0; i < table.size; i++) {
      const key = (prefix ? (prefix.elementOf[i] as number) * cardinality : 0) + (codes[i] as number)
      let id = ids.get(key)
      if (id === undefined) {
        id = ids.size
        ids.set(key, id)
        example.push(i)
      }
      elementOf[i] = id
    }
    const cuboid: Cuboid = { dims, elementOf, size: ids.size, example: Int32Array.from(example) }
    byKey.set(dims.join(','), cuboid)
    out.push(cuboid)
  }
  return out
}

/** Subsets of {0..n-1} of size 1..k, by size, then lexicographically. */
function subsets(n: number, k: number): number[][] {
  const out: number[][] = []
  const grow = (start: number, current: number[], size: number): void => {
    if (current.length === size) {
      out.push([...current])
      return
    }
    for (let d = start; d < n; d++) grow(d + 1, [...current, d], size)
  }
  for (let size = 1; size <= Math.min(k, n); size++) grow(0, [], size)
  return out
}
