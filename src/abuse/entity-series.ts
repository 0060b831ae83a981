/** Minutes of history kept per watched entity (the evidence series). */
export const SERIES_MINUTES = 240
/** Entities watched at once per entity field; past it the one watched longest without news goes. */
export const MAX_WATCHED = 10_000

/** Per-minute counts of one watched entity: its requests, its suspect requests per detector, its new cards. */
export class EntitySeries {
  firstMinute: number
  lastMinute: number
  readonly requests: number[] = []
  readonly suspect: number[][]
  readonly newCards: number[] = []

  constructor(
    readonly hi: number,
    readonly lo: number,
    readonly text: string,
    minute: number,
    detectors: number,
  ) {
    this.firstMinute = minute
    this.lastMinute = minute
    this.suspect = Array.from({ length: detectors }, () => [])
  }

  /** Count one request at `minute` (minutes before the first one are counted in the first). */
  add(minute: number, detector: number, suspect: boolean, newCard: boolean): void {
    const i = this.index(minute)
    if (detector < 0) {
      this.requests[i] = (this.requests[i] ?? 0) + 1
      if (newCard) this.newCards[i] = (this.newCards[i] ?? 0) + 1
    } else if (suspect) {
      const row = this.suspect[detector] as number[]
      row[i] = (row[i] ?? 0) + 1
    }
  }

  private index(minute: number): number {
    if (minute > this.lastMinute) this.lastMinute = minute
    // keep the last SERIES_MINUTES minutes
    const drop = this.lastMinute - SERIES_MINUTES + 1 - this.firstMinute
    if (drop > 0) {
      for (const row of [this.requests, this.newCards, ...this.suspect]) row.splice(0, drop)
      this.firstMinute += drop
    }
    return Math.max(0, minute - this.firstMinute)
  }
}

/** The watched entities of one entity field, by 64-bit key; bounded, the least recently updated goes first. */
export class WatchList {
  private readonly byKey = new Map<string, EntitySeries>()

  get size(): number {
    return this.byKey.size
  }

  get(hi: number, lo: number): EntitySeries | undefined {
    return this.byKey.get(watchKey(hi, lo))
  }

  /** Start watching; returns the series dropped to make room, if any. */
  add(series: EntitySeries): EntitySeries | undefined {
    let dropped: EntitySeries | undefined
    if (this.byKey.size >= MAX_WATCHED) {
      for (const s of this.byKey.values()) if (dropped === undefined || s.lastMinute < dropped.lastMinute) dropped = s
      if (dropped !== undefined) this.byKey.delete(watchKey(dropped.hi, dropped.lo))
    }
    this.byKey.set(watchKey(series.hi, series.lo), series)
    return dropped
  }

  delete(hi: number, lo: number): boolean {
    return this.byKey.delete(watchKey(hi, lo))
  }

  values(): IterableIterator<EntitySeries> {
    return this.byKey.values()
  }
}

function watchKey(hi: number, lo: number): string {
  return `${hi}:${lo}`
}
