/** Rate detectors a monitor may run at once (one event column each in the aggregates). */
export const MAX_RATE_DETECTORS = 8

/**
 * One minute's counts per leaf (full combination of dimension values):
 * requests, events per rate detector, latency count and sum. Columnar, in
 * typed arrays indexed by the leaf's row, so a new leaf costs a map entry and
 * no object or array of its own.
 */
export class LeafMinuteCells {
  /** Leaf key → row, in the order the leaves first appeared. */
  readonly rows = new Map<string, number>()
  requests: Float64Array<ArrayBuffer>
  /** MAX_RATE_DETECTORS per row: events[row * MAX_RATE_DETECTORS + column]. */
  events: Float64Array<ArrayBuffer>
  latencyCount: Float64Array<ArrayBuffer>
  latencySum: Float64Array<ArrayBuffer>

  constructor(capacity = 256) {
    this.requests = new Float64Array(capacity)
    this.events = new Float64Array(capacity * MAX_RATE_DETECTORS)
    this.latencyCount = new Float64Array(capacity)
    this.latencySum = new Float64Array(capacity)
  }

  get size(): number {
    return this.rows.size
  }

  /** The leaf's row, added (all zero) on first sight. */
  row(leaf: string): number {
    const found = this.rows.get(leaf)
    if (found !== undefined) return found
    const row = this.rows.size
    if (row >= this.requests.length) this.grow(this.requests.length * 2)
    this.rows.set(leaf, row)
    return row
  }

  private grow(capacity: number): void {
    this.requests = grown(this.requests, capacity)
    this.events = grown(this.events, capacity * MAX_RATE_DETECTORS)
    this.latencyCount = grown(this.latencyCount, capacity)
    this.latencySum = grown(this.latencySum, capacity)
  }
}

function grown(a: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(size)
  out.set(a)
  return out
}
