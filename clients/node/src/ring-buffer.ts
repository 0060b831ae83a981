/**
 * A fixed-capacity first-in first-out queue over one preallocated array.
 * `push` is O(1) and never allocates; a full buffer overwrites its oldest
 * item, so memory stays at `capacity` slots however long Vigil is away.
 */
export class RingBuffer<T> {
  private readonly slots: (T | undefined)[]
  /** Index of the oldest item. */
  private head = 0
  private size = 0

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`RingBuffer capacity must be an integer of at least 1; got ${capacity}`)
    this.slots = new Array<T | undefined>(capacity)
  }

  get length(): number {
    return this.size
  }

  /** Adds an item at the back; when the buffer is full the oldest item is overwritten and `true` returned. */
  push(item: T): boolean {
    const tail = (this.head + this.size) % this.capacity
    this.slots[tail] = item
    if (this.size < this.capacity) {
      this.size++
      return false
    }
    this.head = (this.head + 1) % this.capacity
    return true
  }

  /** Removes and returns up to `n` of the oldest items, oldest first. */
  take(n: number): T[] {
    const count = Math.min(Math.max(0, Math.floor(n)), this.size)
    const out = new Array<T>(count)
    for (let i = 0; i < count; i++) {
      out[i] = this.slots[this.head] as T
      // release the reference so a taken event can be collected once sent
      this.slots[this.head] = undefined
      this.head = (this.head + 1) % this.capacity
    }
    this.size -= count
    return out
  }

  /** Empties the buffer; returns how many items it held. */
  clear(): number {
    const count = this.size
    this.slots.fill(undefined)
    this.head = 0
    this.size = 0
    return count
  }
}
