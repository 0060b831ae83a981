/**
 * Data shaped like 002's example scripts' (`create_sample_data`,
 * `create_labeled_sample_data`): one row a day through 2023, a trending
 * price with planted spikes and drops, volume, a constant instrument id, and
 * with `labelled` an `is_anomaly` column written as pandas writes floats
 * (`0.0` / `1.0`). Seeded, so every run writes the same bytes.
 */
export interface SampleRow {
  readonly date: string
  readonly price: number
  readonly volume: number
  readonly instrument_id: string
  readonly is_anomaly?: number
}

export function sample002(options: { labelled: boolean; anomalies: number; seed?: number; start?: string; days?: number }): SampleRow[] {
  let s = options.seed ?? 42
  const rand = (): number => {
    s = (s * 1664525 + 1013904223) % 4294967296
    return s / 4294967296
  }
  const gauss = (): number => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand())
  const start = Date.parse(`${options.start ?? '2023-01-01'}T00:00:00Z`)
  const days = options.days ?? 365
  const planted = new Set<number>()
  while (planted.size < options.anomalies) planted.add(Math.floor(rand() * days))
  return Array.from({ length: days }, (_, i) => {
    const normal = 100 + (20 * i) / (days - 1) + 2 * gauss()
    const shock = planted.has(i) ? (rand() > 0.5 ? 1 : -1) * (25 + 10 * rand()) : 0
    const row = { date: new Date(start + i * 86_400_000).toISOString().slice(0, 10), price: normal + shock, volume: 1000 + 200 * gauss(), instrument_id: 'AAPL' }
    return options.labelled ? { ...row, is_anomaly: planted.has(i) ? 1 : 0 } : row
  })
}

/** The rows as `DataFrame.to_csv(index=False)` writes them. */
export function toCsv(rows: readonly SampleRow[]): string {
  const labelled = rows[0]?.is_anomaly !== undefined
  const head = ['date', 'price', 'volume', 'instrument_id', ...(labelled ? ['is_anomaly'] : [])]
  const lines = rows.map((r) => [r.date, r.price, r.volume, r.instrument_id, ...(labelled ? [(r.is_anomaly ?? 0).toFixed(1)] : [])].join(','))
  return `${[head.join(','), ...lines].join('\n')}\n`
}

/** Every `step`-th row, like the scripts' `df.sample(n)` (dates as ISO strings, as JSON can carry them). */
export function pick(rows: readonly SampleRow[], n: number, step = 17): SampleRow[] {
  return Array.from({ length: n }, (_, k) => rows[(k * step) % rows.length] as SampleRow)
}
