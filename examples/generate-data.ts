/**
 * Writes the example datasets into examples/data/ (git-ignored):
 *
 * - transactions.csv      2,000 hourly rows to train on
 * - transactions-new.csv  500 later rows, for retraining and combining
 * - labelled.csv          1,500 rows for the supervised example
 *
 * Columns: timestamp (ISO, hourly), price ~ N(100, 5) with a daily rhythm,
 * volume 800–1200, amount 9,000–11,000, and is_anomaly: 1 for the ~5% of rows
 * given a price spike or drop, a volume burst or an amount outlier, else 0.
 *
 * A seeded PRNG makes every run write the same bytes.
 *
 *   npx tsx examples/generate-data.ts [dir]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url))

export const DATA_FILES = {
  transactions: 'transactions.csv',
  transactionsNew: 'transactions-new.csv',
  labelled: 'labelled.csv',
} as const

export type DataFile = keyof typeof DATA_FILES

export interface GeneratedFile {
  readonly path: string
  readonly rows: number
  readonly anomalies: number
}

const HOUR_MS = 3_600_000
const ANOMALY_SHARE = 0.05

/** mulberry32: a tiny 32-bit PRNG, uniform on [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Random {
  uniform(min: number, max: number): number
  normal(mean: number, std: number): number
  pick<T>(items: readonly T[]): T
}

function random(seed: number): Random {
  const next = mulberry32(seed)
  const uniform = (min: number, max: number): number => min + (max - min) * next()
  return {
    uniform,
    // Box–Muller; 1 - next() keeps log() away from 0
    normal: (mean, std) => mean + std * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  }
}

interface Row {
  timestamp: string
  price: number
  volume: number
  amount: number
  is_anomaly: 0 | 1
}

type Anomaly = (row: Row, rnd: Random) => void

/** The kinds of planted anomaly: each pushes one column far outside its normal range. */
const ANOMALIES: readonly Anomaly[] = [
  (row, rnd) => (row.price = rnd.uniform(118, 170)), // price spike
  (row, rnd) => (row.price = rnd.uniform(40, 82)), // price drop
  (row, rnd) => (row.volume = rnd.uniform(1_350, 5_000)), // volume burst
  (row, rnd) => (row.amount = rnd.pick([rnd.uniform(12_000, 40_000), rnd.uniform(1_000, 8_000)])), // amount outlier
]

/** `count` hourly rows from `start`, with round(count × 5%) anomalies at random positions. */
function makeRows(count: number, start: Date, seed: number): Row[] {
  const rnd = random(seed)
  const rows: Row[] = []
  for (let i = 0; i < count; i++) {
    const time = new Date(start.getTime() + i * HOUR_MS)
    const hour = time.getUTCHours()
    // daily rhythm: prices and volumes peak mid-afternoon (UTC), dip at night
    const rhythm = Math.sin((2 * Math.PI * (hour - 9)) / 24)
    const volume = Math.min(1_200, Math.max(800, 1_000 + 100 * rhythm + rnd.normal(0, 50)))
    rows.push({
      timestamp: time.toISOString(),
      price: 100 + 3 * rhythm + rnd.normal(0, 4),
      volume,
      amount: Math.min(11_000, Math.max(9_000, 10_000 + 3 * (volume - 1_000) + rnd.normal(0, 250))),
      is_anomaly: 0,
    })
  }
  // choose distinct rows for the anomalies: a partial Fisher–Yates shuffle of the indices
  const indices = rows.map((_, i) => i)
  const anomalies = Math.round(count * ANOMALY_SHARE)
  for (let k = 0; k < anomalies; k++) {
    const j = k + Math.floor(rnd.uniform(0, count - k))
    ;[indices[k], indices[j]] = [indices[j] as number, indices[k] as number]
    const row = rows[indices[k] as number] as Row
    rnd.pick(ANOMALIES)(row, rnd)
    row.is_anomaly = 1
  }
  return rows
}

function toCsv(rows: readonly Row[]): string {
  const lines = ['timestamp,price,volume,amount,is_anomaly']
  for (const r of rows) lines.push(`${r.timestamp},${r.price.toFixed(2)},${Math.round(r.volume)},${r.amount.toFixed(2)},${r.is_anomaly}`)
  return `${lines.join('\n')}\n`
}

function writeCsv(dir: string, name: string, rows: readonly Row[]): GeneratedFile {
  const file = path.join(dir, name)
  writeFileSync(file, toCsv(rows))
  return { path: file, rows: rows.length, anomalies: rows.filter((r) => r.is_anomaly === 1).length }
}

/** Write the three example CSVs into `dir` (created if missing). Same bytes every run. */
export function generateExampleData(dir: string = DEFAULT_DATA_DIR): Record<DataFile, GeneratedFile> {
  mkdirSync(dir, { recursive: true })
  const start = new Date('2025-01-01T00:00:00Z')
  const history = makeRows(2_000, start, 20250101)
  const later = new Date(start.getTime() + history.length * HOUR_MS)
  return {
    transactions: writeCsv(dir, DATA_FILES.transactions, history),
    transactionsNew: writeCsv(dir, DATA_FILES.transactionsNew, makeRows(500, later, 20250324)),
    labelled: writeCsv(dir, DATA_FILES.labelled, makeRows(1_500, new Date('2025-06-01T00:00:00Z'), 20250601)),
  }
}

/** The path of each example CSV in `dir`, generating them first if any is missing. */
export function ensureExampleData(dir: string = DEFAULT_DATA_DIR): Record<DataFile, string> {
  const paths = {
    transactions: path.join(dir, DATA_FILES.transactions),
    transactionsNew: path.join(dir, DATA_FILES.transactionsNew),
    labelled: path.join(dir, DATA_FILES.labelled),
  }
  if (!Object.values(paths).every((file) => existsSync(file))) {
    generateExampleData(dir)
    console.log(`generated example data in ${path.relative(process.cwd(), dir) || '.'}`)
  }
  return paths
}

// run directly: write the files and say what was written
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = process.argv[2] === undefined ? DEFAULT_DATA_DIR : path.resolve(process.argv[2])
  for (const file of Object.values(generateExampleData(dir))) {
    console.log(`wrote ${path.relative(process.cwd(), file.path)}: ${file.rows} rows, ${file.anomalies} anomalies`)
  }
}
