/** Largest dimension index a key may hold (exclusive). */
export const CHILD_TABLE_MAX_DIMENSIONS = 16
/** Largest value id a key may hold (exclusive). */
export const CHILD_TABLE_MAX_VALUES = 1 << 24

const EMPTY = -1

/**
 * An open-addressing hash table from (parent combination, dimension, value
 * id) to a child combination id, in one Int32Array of (parent, key, id)
 * triples (with a pad, so an entry never straddles a cache line): no
 * object, boxed number or string per entry, so interning the combinations
 * of a new leaf (up to ~100 lookups) costs no allocation and about one cache
 * miss per lookup. Linear probing, at most half full; entries are never
 * removed. Parents and ids are non-negative 32-bit integers.
 */
export class ChildTable {
  /** Four int32 per slot: parent, dim·2^24 + value, id (EMPTY when free), unused. */
  private slots: Int32Array<ArrayBuffer>
  private mask: number
  private count = 0
  /** Where callers of `touch` leave what they read, so the reads are not optimised away. */
  touched = 0

  constructor(initialCapacity = 1024) {
    let capacity = 16
    while (capacity < initialCapacity * 2) capacity *= 2
    this.slots = emptySlots(capacity)
    this.mask = capacity - 1
  }

  /** Number of entries. */
  get size(): number {
    return this.count
  }

  /** The child id of (parent, dim, value), or -1 when absent. */
  get(parent: number, dim: number, value: number): number {
    const key = dim * CHILD_TABLE_MAX_VALUES + value
    const slots = this.slots
    const mask = this.mask
    for (let i = hash(parent, key) & mask; ; i = (i + 1) & mask) {
      const at = i << 2
      const id = slots[at + 2] as number
      if (id === EMPTY) return EMPTY
      if (slots[at] === parent && slots[at + 1] === key) return id
    }
  }

  /**
   * Read the first slot (parent, dim, value) hashes to and return it, nothing
   * else: called for a batch of keys before looking them up, it lets their
   * cache misses overlap (a software prefetch).
   */
  touch(parent: number, dim: number, value: number): number {
    return this.slots[(hash(parent, dim * CHILD_TABLE_MAX_VALUES + value) & this.mask) << 2] as number
  }

  /** Record (parent, dim, value) → id; the key must be absent. */
  set(parent: number, dim: number, value: number, id: number): void {
    if (dim < 0 || dim >= CHILD_TABLE_MAX_DIMENSIONS || value < 0 || value >= CHILD_TABLE_MAX_VALUES) {
      throw new RangeError(`child key out of range: dimension ${dim} (< ${CHILD_TABLE_MAX_DIMENSIONS}), value ${value} (< ${CHILD_TABLE_MAX_VALUES})`)
    }
    if ((this.count + 1) * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2)
    this.insert(parent, dim * CHILD_TABLE_MAX_VALUES + value, id)
    this.count++
  }

  private insert(parent: number, key: number, id: number): void {
    const slots = this.slots
    const mask = this.mask
    let i = hash(parent, key) & mask
    while (slots[(i << 2) + 2] !== EMPTY) i = (i + 1) & mask
    const at = i << 2
    slots[at] = parent
    slots[at + 1] = key
    slots[at + 2] = id
  }

  private rehash(capacity: number): void {
    const old = this.slots
    this.slots = emptySlots(capacity)
    this.mask = capacity - 1
    for (let at = 0; at < old.length; at += 4) if (old[at + 2] !== EMPTY) this.insert(old[at] as number, old[at + 1] as number, old[at + 2] as number)
  }
}

function emptySlots(capacity: number): Int32Array<ArrayBuffer> {
  const slots = new Int32Array(capacity * 4)
  for (let at = 2; at < slots.length; at += 4) slots[at] = EMPTY
  return slots
}

/** A 32-bit mix of the two key halves (murmur3's finaliser). */
function hash(parent: number, key: number): number {
  let h = Math.imul(parent, 0x9e3779b1) ^ Math.imul(key, 0x85ebca77)
  h ^= h >>> 16
  h = Math.imul(h, 0x7feb352d)
  h ^= h >>> 15
  h = Math.imul(h, 0x846ca68b)
  h ^= h >>> 16
  return h
}
