import { KEY_SEPARATOR } from './request-event.js'

/** Largest number of combinations one leaf may belong to (subsets of its dimensions up to max_depth). */
export const MAX_COMBOS_PER_LEAF = 256

/** Leaves remembered with their combination ids; past this the cache starts over (ids stay). */
const LEAF_CACHE_LIMIT = 200_000

/** Number of subsets of `dimensions` dimensions with at most `depth` of them (the root, {}, included). */
export function combosPerLeaf(dimensions: number, depth: number): number {
  let total = 0
  let choose = 1
  for (let k = 0; k <= Math.min(depth, dimensions); k++) {
    total += choose
    choose = (choose * (dimensions - k)) / (k + 1)
  }
  return total
}

/**
 * Interns every combination of dimension values (an element such as
 * `country=CA ∧ pi_type=mc`) as a small integer, so the detectors keep their
 * state in typed arrays indexed by combination. A leaf (the full combination
 * of an event) maps to the ids of all its combinations of up to `maxDepth`
 * dimensions; that list is cached per leaf, so the hot path does one map
 * lookup per event. Combination 0 is the root: all traffic.
 */
export class ComboIndex {
  readonly dimensions: readonly string[]
  /** Dimension subsets as bit masks (bit i = dimension i), root first, by depth. */
  readonly masks: readonly number[]
  /** For each mask (same order): index of the mask without its highest dimension, and that dimension. */
  private readonly parentSlot: Int32Array
  private readonly addedDim: Int32Array
  /** Per dimension: value → small integer. */
  private readonly valueIds: Map<string, number>[]
  private readonly values: string[][]
  /** (parent combination, dimension, value id) → combination id. */
  private readonly children = new Map<number, number>()
  private readonly leaves = new Map<string, Int32Array>()
  private comboParent = new Int32Array(1024)
  private comboDim = new Int32Array(1024)
  private comboValue = new Int32Array(1024)
  private comboMask = new Int32Array(1024)
  private count = 1

  constructor(dimensions: readonly string[], maxDepth: number) {
    this.dimensions = dimensions
    const masks: number[] = []
    for (let mask = 0; mask < 1 << dimensions.length; mask++) if (popcount(mask) <= maxDepth) masks.push(mask)
    masks.sort((a, b) => popcount(a) - popcount(b) || a - b)
    this.masks = masks
    const slotOf = new Map(masks.map((m, i) => [m, i]))
    this.parentSlot = new Int32Array(masks.length)
    this.addedDim = new Int32Array(masks.length)
    for (let i = 1; i < masks.length; i++) {
      const mask = masks[i] as number
      const top = 31 - Math.clz32(mask)
      this.addedDim[i] = top
      this.parentSlot[i] = slotOf.get(mask & ~(1 << top)) as number
    }
    this.valueIds = dimensions.map(() => new Map())
    this.values = dimensions.map(() => [])
    this.comboParent[0] = -1
  }

  /** Number of combinations seen so far. */
  get size(): number {
    return this.count
  }

  /** Ids of every combination the leaf belongs to (root first). */
  combosOf(leaf: string): Int32Array {
    const cached = this.leaves.get(leaf)
    if (cached !== undefined) return cached
    const parts = leaf.split(KEY_SEPARATOR)
    const ids = new Int32Array(this.dimensions.length)
    for (let d = 0; d < this.dimensions.length; d++) ids[d] = this.valueId(d, parts[d] ?? '')
    const out = new Int32Array(this.masks.length)
    for (let m = 1; m < this.masks.length; m++) {
      const dim = this.addedDim[m] as number
      out[m] = this.child(out[this.parentSlot[m] as number] as number, dim, ids[dim] as number)
    }
    if (this.leaves.size >= LEAF_CACHE_LIMIT) this.leaves.clear()
    this.leaves.set(leaf, out)
    return out
  }

  /** The id of a combination given as dimension values, or undefined when never seen. */
  find(dimensions: Readonly<Record<string, string>>): number | undefined {
    let id = 0
    for (let d = 0; d < this.dimensions.length; d++) {
      const v = dimensions[this.dimensions[d] as string]
      if (v === undefined) continue
      const valueId = this.valueIds[d]?.get(v)
      if (valueId === undefined) return undefined
      const next = this.children.get(childKey(id, d, valueId))
      if (next === undefined) return undefined
      id = next
    }
    return id
  }

  /** Dimension values of a combination ({} for the root). */
  dimensionsOf(id: number): Record<string, string> {
    const pairs: [string, string][] = []
    for (let c = id; c > 0; c = this.comboParent[c] as number) {
      const d = this.comboDim[c] as number
      pairs.push([this.dimensions[d] as string, this.values[d]?.[this.comboValue[c] as number] as string])
    }
    pairs.sort((a, b) => this.dimensions.indexOf(a[0]) - this.dimensions.indexOf(b[0]))
    return Object.fromEntries(pairs)
  }

  /** Number of dimensions fixed by a combination. */
  depthOf(id: number): number {
    return popcount(this.comboMask[id] ?? 0)
  }

  /** True when `ancestor` is `descendant` or contains it (every value it fixes, the descendant fixes the same). */
  contains(ancestor: number, descendant: number): boolean {
    const ma = this.comboMask[ancestor] as number
    if (((this.comboMask[descendant] as number) & ma) !== ma) return false
    for (let a = ancestor; a > 0; a = this.comboParent[a] as number) {
      const d = this.comboDim[a] as number
      if (this.valueAt(descendant, d) !== this.comboValue[a]) return false
    }
    return true
  }

  /** True when the two combinations fix no dimension to different values (some request can belong to both). */
  compatible(a: number, b: number): boolean {
    for (let c = a; c > 0; c = this.comboParent[c] as number) {
      const v = this.valueAt(b, this.comboDim[c] as number)
      if (v >= 0 && v !== this.comboValue[c]) return false
    }
    return true
  }

  private valueAt(combo: number, dim: number): number {
    for (let c = combo; c > 0; c = this.comboParent[c] as number) if (this.comboDim[c] === dim) return this.comboValue[c] as number
    return -1
  }

  private valueId(dim: number, value: string): number {
    const ids = this.valueIds[dim] as Map<string, number>
    let id = ids.get(value)
    if (id === undefined) {
      id = ids.size
      ids.set(value, id)
      ;(this.values[dim] as string[]).push(value)
    }
    return id
  }

  private child(parent: number, dim: number, valueId: number): number {
    const key = childKey(parent, dim, valueId)
    const found = this.children.get(key)
    if (found !== undefined) return found
    const id = this.count++
    if (id >= this.comboParent.length) {
      this.comboParent = growInt(this.comboParent)
      this.comboDim = growInt(this.comboDim)
      this.comboValue = growInt(this.comboValue)
      this.comboMask = growInt(this.comboMask)
    }
    this.comboParent[id] = parent
    this.comboDim[id] = dim
    this.comboValue[id] = valueId
    this.comboMask[id] = (this.comboMask[parent] as number) | (1 << dim)
    this.children.set(key, id)
    return id
  }
}

/** A collision-free number for (parent, dimension, value): parent < 2^29, dimension < 16, value < 2^20. */
function childKey(parent: number, dim: number, valueId: number): number {
  return (parent * 16 + dim) * 1_048_576 + valueId
}

function growInt(a: Int32Array): Int32Array<ArrayBuffer> {
  const out = new Int32Array(a.length * 2)
  out.set(a)
  return out
}

function popcount(x: number): number {
  let n = 0
  for (let v = x; v !== 0; v &= v - 1) n++
  return n
}
