/**
 * A min-heap of timed items. Ties keep insertion order (a sequence number
 * breaks them), so the stream is the same on every run.
 */
export class EventQueue<T> {
  private readonly heap: { time: number; seq: number; item: T }[] = []
  private seq = 0

  get size(): number {
    return this.heap.length
  }

  push(time: number, item: T): void {
    const h = this.heap
    h.push({ time, seq: this.seq++, item })
    let i = h.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(i, parent)) break
      this.swap(i, parent)
      i = parent
    }
  }

  /** The earliest item, or undefined when empty. */
  pop(): { time: number; item: T } | undefined {
    const h = this.heap
    const top = h[0]
    if (!top) return undefined
    const last = h.pop() as (typeof h)[number]
    if (h.length > 0) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && this.less(l, m)) m = l
        if (r < h.length && this.less(r, m)) m = r
        if (m === i) break
        this.swap(i, m)
        i = m
      }
    }
    return { time: top.time, item: top.item }
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a] as (typeof this.heap)[number]
    const y = this.heap[b] as (typeof this.heap)[number]
    return x.time < y.time || (x.time === y.time && x.seq < y.seq)
  }

  private swap(a: number, b: number): void {
    const h = this.heap
    const t = h[a] as (typeof h)[number]
    h[a] = h[b] as (typeof h)[number]
    h[b] = t
  }
}
