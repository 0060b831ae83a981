/**
 * Timestamped values within a trailing time window, oldest first. Pushes
 * must come in time order (the stream is ordered); eviction is amortised O(1).
 */
export class SlidingWindow<T> {
  private times: number[] = []
  private values: T[] = []
  private head = 0

  constructor(readonly spanMs: number) {}

  /** Add a value at `time`, dropping what fell out of the window; returns the dropped values. */
  push(time: number, value: T): T[] {
    const dropped = this.evict(time)
    this.times.push(time)
    this.values.push(value)
    return dropped
  }

  /** Drop values older than `time - spanMs`; returns them. */
  evict(time: number): T[] {
    const cutoff = time - this.spanMs
    const start = this.head
    while (this.head < this.times.length && (this.times[this.head] as number) <= cutoff) this.head++
    if (this.head === start) return []
    const dropped = this.values.slice(start, this.head)
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head)
      this.values = this.values.slice(this.head)
      this.head = 0
    }
    return dropped
  }

  get size(): number {
    return this.times.length - this.head
  }

  /** The values in the window, oldest first. */
  *items(): IterableIterator<T> {
    for (let i = this.head; i < this.values.length; i++) yield this.values[i] as T
  }
}

/** Windows by key (user, IP, service), created on first use; empty ones can be swept. */
export class KeyedWindows<T> {
  private readonly windows = new Map<string, SlidingWindow<T>>()

  constructor(private readonly spanMs: number) {}

  get(key: string): SlidingWindow<T> {
    let w = this.windows.get(key)
    if (!w) {
      w = new SlidingWindow<T>(this.spanMs)
      this.windows.set(key, w)
    }
    return w
  }

  /** Forget keys whose window is empty at `time` (keeps a live stream's memory bounded). */
  sweep(time: number): void {
    for (const [key, w] of this.windows) {
      w.evict(time)
      if (w.size === 0) this.windows.delete(key)
    }
  }
}
