import { ChildTable } from './child-table.js'
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
 * dimensions; that list is cached per leaf (a slot in one Int32Array, no
 * object per leaf), so the hot path does one map lookup per event and reads
 * the ids from `leafCombos`. Combination 0 is the root: all traffic.
 */
export class ComboIndex {
  readonly dimensions: readonly string[]
  /** Dimension subsets as bit masks (bit i = dimension i), root first, by depth. */
  readonly masks: readonly number[]
  /** For each mask (same order): index of the mask without its highest dimension (the parent a sparse combination borrows from), and that dimension. */
  readonly parentSlot: Int32Array
  private readonly addedDim: Int32Array
  /** Per dimension: value → small integer. */
  private readonly valueIds: Map<string, number>[]
  private readonly values: string[][]
  /** (parent combination, dimension, value id) → combination id. */
  private readonly children = new ChildTable()
  /** Leaf key → slot; the leaf's combination ids are `leafCombos[slot * width …]`. */
  private readonly leaves = new Map<string, number>()
  /** Combinations per leaf (the number of masks). */
  readonly width: number
  /** Combination ids of the cached leaves, `width` per slot (reallocated as it grows: read it after `leafSlot`). */
  leafCombos: Int32Array<ArrayBuffer>
  private readonly leafIds: Int32Array
  /** Index in `masks` where each depth ends (depthEnds[k] = first mask deeper than k). */
  private readonly depthEnds: Int32Array
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
    this.width = masks.length
    this.leafCombos = new Int32Array(this.width * 1024)
    this.leafIds = new Int32Array(dimensions.length)
    const deepest = popcount(masks[masks.length - 1] as number)
    this.depthEnds = new Int32Array(deepest + 1)
    for (let k = 0; k <= deepest; k++) this.depthEnds[k] = masks.filter((m) => popcount(m) <= k).length
  }

  /** Number of combinations seen so far. */
  get size(): number {
    return this.count
  }

  /** Ids of every combination the leaf belongs to (root first): a view of `leafCombos`, valid until the next new leaf. */
  combosOf(leaf: string): Int32Array {
    const slot = this.leafSlot(leaf)
    return this.leafCombos.subarray(slot * this.width, (slot + 1) * this.width)
  }

  /**
   * The leaf's slot in `leafCombos`: its combination ids are
   * `leafCombos[slot * width + m]` for each mask m (root first), interned on
   * first sight. Past LEAF_CACHE_LIMIT leaves the cache starts over (the
   * combination ids stay).
   */
  leafSlot(leaf: string): number {
    const cached = this.leaves.get(leaf)
    if (cached !== undefined) return cached
    if (this.leaves.size >= LEAF_CACHE_LIMIT) this.leaves.clear()
    const slot = this.leaves.size
    const width = this.width
    if ((slot + 1) * width > this.leafCombos.length) {
      const grown = new Int32Array(Math.min(LEAF_CACHE_LIMIT * width, this.leafCombos.length * 2))
      grown.set(this.leafCombos)
      this.leafCombos = grown
    }
    const ids = this.leafIds
    let from = 0
    for (let d = 0; d < this.dimensions.length; d++) {
      let to = leaf.indexOf(KEY_SEPARATOR, from)
      if (to < 0) to = leaf.length
      ids[d] = from > leaf.length ? this.valueId(d, '') : this.valueId(d, leaf.slice(from, to))
      from = to + 1
    }
    const out = this.leafCombos
    const base = slot * width
    out[base] = 0
    // depth by depth (the masks are sorted by depth, parents one level up): first touch every
    // table line the level will probe, with no branch on what is read, so the memory reads overlap;
    // then look up (and create) the level's combinations from warm lines
    const ends = this.depthEnds
    let touched = 0
    for (let level = 1, start = 1; level < ends.length; start = ends[level++] as number) {
      const end = ends[level] as number
      for (let m = start; m < end; m++) {
        const dim = this.addedDim[m] as number
        touched ^= this.children.touch(out[base + (this.parentSlot[m] as number)] as number, dim, ids[dim] as number)
      }
      for (let m = start; m < end; m++) {
        const dim = this.addedDim[m] as number
        out[base + m] = this.child(out[base + (this.parentSlot[m] as number)] as number, dim, ids[dim] as number, this.masks[m] as number)
      }
    }
    this.children.touched = touched
    this.leaves.set(leaf, slot)
    return slot
  }

  /** The id of a combination given as dimension values, or undefined when never seen. */
  find(dimensions: Readonly<Record<string, string>>): number | undefined {
    let id = 0
    for (let d = 0; d < this.dimensions.length; d++) {
      const v = dimensions[this.dimensions[d] as string]
      if (v === undefined) continue
      const valueId = this.valueIds[d]?.get(v)
      if (valueId === undefined) return undefined
      const next = this.children.get(id, d, valueId)
      if (next < 0) return undefined
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

  private child(parent: number, dim: number, valueId: number, mask: number): number {
    const found = this.children.get(parent, dim, valueId)
    if (found >= 0) return found
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
    this.comboMask[id] = mask
    this.children.set(parent, dim, valueId, id)
    return id
  }
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
