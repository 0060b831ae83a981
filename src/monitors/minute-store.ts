import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api'
import { type LeafMinuteCells, MAX_RATE_DETECTORS } from './leaf-minute-cells.js'
import { KEY_SEPARATOR } from './request-event.js'

export { MAX_RATE_DETECTORS }

/** A combination's counts per minute, read back for an incident's evidence. */
export interface MinutePoint {
  readonly minute: number
  readonly requests: number
  readonly events: number
  readonly latencyCount: number
  readonly latencySum: number
}

/** The layout of a monitor's leaf keys: which dimension is at which position, which detector in which event column. */
export interface Layout {
  readonly layout: number
  readonly dimensions: readonly string[]
  readonly rateDetectors: readonly string[]
}

/**
 * Per-minute aggregates of every leaf (full combination of dimension values)
 * in an embedded DuckDB file: the history any combination's series is summed
 * from (a combination's minute = the sum over its leaves), so no combination
 * needs its own table and a dimension added later is a new layout, not a
 * migration. Rows are additive: a leaf-minute written twice (a late event) is
 * summed. Raw events are not kept.
 */
export class MinuteStore {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  private queue: Promise<void> = Promise.resolve()

  static async open(file: string): Promise<MinuteStore> {
    const instance = await DuckDBInstance.create(file, {
      threads: '1',
      memory_limit: '512MB',
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    })
    const conn = await DuckDBConnection.create(instance)
    const events = Array.from({ length: MAX_RATE_DETECTORS }, (_, i) => `events_${i} INTEGER`).join(', ')
    await conn.run(
      `CREATE TABLE IF NOT EXISTS leaf_minutes (monitor VARCHAR, layout INTEGER, minute INTEGER, leaf VARCHAR, requests INTEGER, ${events}, latency_count INTEGER, latency_sum DOUBLE)`,
    )
    await conn.run('CREATE TABLE IF NOT EXISTS layouts (monitor VARCHAR, layout INTEGER, dimensions VARCHAR, rate_detectors VARCHAR)')
    return new MinuteStore(instance, conn)
  }

  /** The monitor's layouts, oldest first. */
  async layouts(monitor: string): Promise<Layout[]> {
    return this.serial(async () => {
      const reader = await this.conn.runAndReadAll('SELECT layout, dimensions, rate_detectors FROM layouts WHERE monitor = $1 ORDER BY layout', [monitor])
      return reader.getRows().map((row) => ({
        layout: Number(row[0]),
        dimensions: JSON.parse(String(row[1])) as string[],
        rateDetectors: JSON.parse(String(row[2])) as string[],
      }))
    })
  }

  /** The layout id for these dimensions and detectors, creating it when new. */
  async layoutFor(monitor: string, dimensions: readonly string[], rateDetectors: readonly string[]): Promise<number> {
    const existing = await this.layouts(monitor)
    const found = existing.find((l) => sameList(l.dimensions, dimensions) && sameList(l.rateDetectors, rateDetectors))
    if (found !== undefined) return found.layout
    const layout = existing.length === 0 ? 1 : Math.max(...existing.map((l) => l.layout)) + 1
    await this.serial(() => this.conn.run('INSERT INTO layouts VALUES ($1, $2, $3, $4)', [monitor, layout, JSON.stringify(dimensions), JSON.stringify(rateDetectors)]))
    return layout
  }

  /** Append leaf-minutes (one row each). */
  async append(monitor: string, layout: number, minutes: ReadonlyMap<number, LeafMinuteCells>): Promise<void> {
    if (minutes.size === 0) return
    await this.serial(async () => {
      const appender = await this.conn.createAppender('leaf_minutes')
      for (const [minute, cells] of minutes) {
        for (const [leaf, row] of cells.rows) {
          appender.appendVarchar(monitor)
          appender.appendInteger(layout)
          appender.appendInteger(minute)
          appender.appendVarchar(leaf)
          appender.appendInteger(cells.requests[row] as number)
          for (let i = 0; i < MAX_RATE_DETECTORS; i++) appender.appendInteger(cells.events[row * MAX_RATE_DETECTORS + i] as number)
          appender.appendInteger(cells.latencyCount[row] as number)
          appender.appendDouble(cells.latencySum[row] as number)
          appender.endRow()
        }
      }
      appender.closeSync()
    })
  }

  /**
   * A combination's counts per minute in [from, to] (minutes since the epoch),
   * for one rate detector (or none: events are 0), over every layout that has
   * all the combination's dimensions.
   */
  async series(monitor: string, dimensions: Readonly<Record<string, string>>, detector: string | null, from: number, to: number): Promise<MinutePoint[]> {
    const layouts = await this.layouts(monitor)
    const byMinute = new Map<number, { requests: number; events: number; latencyCount: number; latencySum: number }>()
    for (const layout of layouts) {
      const positions = Object.keys(dimensions).map((d) => layout.dimensions.indexOf(d))
      if (positions.some((p) => p < 0)) continue
      const eventIndex = detector === null ? -1 : layout.rateDetectors.indexOf(detector)
      const eventColumn = eventIndex < 0 ? '0' : `events_${eventIndex}`
      const values: (string | number)[] = [monitor, layout.layout, from, to]
      const filters = Object.values(dimensions).map((v, i) => {
        values.push(v)
        return `split_part(leaf, chr(1), ${positions[i]! + 1}) = $${values.length}`
      })
      const sql = `SELECT minute, CAST(sum(requests) AS DOUBLE), CAST(sum(${eventColumn}) AS DOUBLE), CAST(sum(latency_count) AS DOUBLE), sum(latency_sum)
        FROM leaf_minutes WHERE monitor = $1 AND layout = $2 AND minute BETWEEN $3 AND $4 ${filters.map((f) => `AND ${f}`).join(' ')}
        GROUP BY minute`
      const rows = await this.serial(async () => (await this.conn.runAndReadAll(sql, values)).getRows())
      for (const row of rows) {
        const minute = Number(row[0])
        const cell = byMinute.get(minute) ?? { requests: 0, events: 0, latencyCount: 0, latencySum: 0 }
        cell.requests += Number(row[1])
        cell.events += Number(row[2])
        cell.latencyCount += Number(row[3])
        cell.latencySum += Number(row[4] ?? 0)
        byMinute.set(minute, cell)
      }
    }
    return [...byMinute.entries()].sort((a, b) => a[0] - b[0]).map(([minute, c]) => ({ minute, ...c }))
  }

  /** Delete a monitor's aggregates older than `beforeMinute` (retention, on event time). */
  async expire(monitor: string, beforeMinute: number): Promise<void> {
    await this.serial(() => this.conn.run('DELETE FROM leaf_minutes WHERE monitor = $1 AND minute < $2', [monitor, beforeMinute]))
  }

  /** Delete everything of a monitor. */
  async drop(monitor: string): Promise<void> {
    await this.serial(async () => {
      await this.conn.run('DELETE FROM leaf_minutes WHERE monitor = $1', [monitor])
      await this.conn.run('DELETE FROM layouts WHERE monitor = $1', [monitor])
    })
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined)
    this.conn.closeSync()
    this.instance.closeSync()
  }

  /** One statement at a time on the store's connection. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

export { KEY_SEPARATOR }
