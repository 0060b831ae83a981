/**
 * A bounded map that keeps recently used entries: two generations of at most
 * `capacity / 2` entries each. A hit in the old generation moves the entry to
 * the young one; when the young one is full it becomes the old one and the
 * previous old one is dropped. This is LRU to within a factor of two, with no
 * per-hit reordering (a plain Map delete + set on every hit costs more than
 * the HMAC it saves at ingest rates).
 */
export class GenerationCache<V> {
  private young = new Map<string, V>()
  private old = new Map<string, V>()
  private readonly half: number

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`cache capacity must be an integer >= 2; got ${capacity}`)
    this.half = Math.floor(capacity / 2)
  }

  get size(): number {
    return this.young.size + this.old.size
  }

  get(key: string): V | undefined {
    const hit = this.young.get(key)
    if (hit !== undefined) return hit
    const aged = this.old.get(key)
    if (aged !== undefined) this.set(key, aged)
    return aged
  }

  set(key: string, value: V): void {
    if (this.young.size >= this.half) {
      this.old = this.young
      this.young = new Map()
    }
    this.young.set(key, value)
  }

  /** Drop every entry whose value matches (erasure of a subject). Returns how many went. */
  deleteWhere(match: (value: V) => boolean): number {
    let dropped = 0
    for (const map of [this.young, this.old]) {
      for (const [key, value] of map) {
        if (match(value)) {
          map.delete(key)
          dropped++
        }
      }
    }
    return dropped
  }

  clear(): void {
    this.young.clear()
    this.old.clear()
  }
}
