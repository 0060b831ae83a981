/**
 * Deterministic data for `npm run bench:batch`: a training CSV and batch rows
 * with eight numeric columns and one text column (one-hot encoded by the
 * model), about 3% of the batch rows far out on one or two columns.
 */
const NUMERIC = ['price', 'volume', 'amount', 'latency_ms', 'cpu', 'memory', 'errors', 'retries'] as const
const REGIONS = ['eu-west', 'eu-north', 'us-east', 'us-west', 'ap-south'] as const

export type BenchRow = Record<string, number | string>

function generator(seed: number): { rand(): number; gauss(): number } {
  let s = seed >>> 0
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 4294967296
  }
  return { rand, gauss: () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand()) }
}

export function benchRows(n: number, seed: number, anomalyShare = 0.03): BenchRow[] {
  const g = generator(seed)
  return Array.from({ length: n }, () => {
    const row: BenchRow = {}
    NUMERIC.forEach((name, j) => {
      row[name] = Math.round((100 * (j + 1) + 10 * (j + 1) * g.gauss()) * 100) / 100
    })
    row.region = REGIONS[Math.floor(g.rand() * REGIONS.length)] as string
    if (g.rand() < anomalyShare) {
      const j = Math.floor(g.rand() * NUMERIC.length)
      row[NUMERIC[j] as string] = (row[NUMERIC[j] as string] as number) * (4 + 4 * g.rand())
    }
    return row
  })
}

export function benchCsv(rows: readonly BenchRow[]): string {
  const columns = [...NUMERIC, 'region']
  return `${columns.join(',')}\n${rows.map((r) => columns.map((c) => r[c]).join(',')).join('\n')}\n`
}

export const BENCH_FEATURES: readonly string[] = [...NUMERIC, 'region']
