/**
 * What a bench child process (bench/vigil-worker.ts or bench/sklearn_bench.py)
 * prints: one JSON object per line on stdout, as soon as each step is done, so
 * the parent can show progress and keep the seeds finished before a crash or
 * timeout. Field names are snake_case on the wire (Python-friendly).
 */

export type Notes = Readonly<Record<string, string | number | boolean>>

export type WorkerEvent =
  /** Data loaded; `baselineRssKb` = peak RSS so far (imports + data), the base that memory is reported above. */
  | { readonly event: 'loaded'; readonly rows: number; readonly cols: number; readonly baselineRssKb: number }
  /** One seed of a comparison: fit on the train split, scores of the test split, time of a batch of `batchRows` rows. */
  | {
      readonly event: 'seed'
      readonly seed: number
      readonly trainRows: number
      readonly trainMs: number
      readonly batchRows: number
      readonly batchMs: number
      readonly scores: Float64Array
      readonly notes: Notes
      readonly peakRssKb: number
    }
  /** Single-row scoring: `calls` one-row calls timed one by one. */
  | { readonly event: 'latency'; readonly calls: number; readonly medianUs: number; readonly p90Us: number }
  /** One fit on all rows (bench:large), and the time to score the first `batchRows` rows. */
  | {
      readonly event: 'trained'
      readonly trainRows: number
      readonly trainMs: number
      readonly batchRows: number
      readonly batchMs: number
      readonly notes: Notes
      readonly peakRssKb: number
    }
  /** The side started no further seed (time budget). */
  | { readonly event: 'stopped'; readonly reason: string }
  | { readonly event: 'done'; readonly peakRssKb: number }
  | { readonly event: 'error'; readonly message: string }

/** The wire form of an event (what the Node worker prints). */
export function encodeEvent(e: WorkerEvent): string {
  switch (e.event) {
    case 'loaded':
      return JSON.stringify({ event: e.event, rows: e.rows, cols: e.cols, baseline_rss_kb: e.baselineRssKb })
    case 'seed':
      return JSON.stringify({
        event: e.event,
        seed: e.seed,
        train_rows: e.trainRows,
        train_ms: e.trainMs,
        batch_rows: e.batchRows,
        batch_ms: e.batchMs,
        scores: Array.from(e.scores),
        notes: e.notes,
        peak_rss_kb: e.peakRssKb,
      })
    case 'latency':
      return JSON.stringify({ event: e.event, calls: e.calls, median_us: e.medianUs, p90_us: e.p90Us })
    case 'trained':
      return JSON.stringify({
        event: e.event,
        train_rows: e.trainRows,
        train_ms: e.trainMs,
        batch_rows: e.batchRows,
        batch_ms: e.batchMs,
        notes: e.notes,
        peak_rss_kb: e.peakRssKb,
      })
    case 'stopped':
      return JSON.stringify({ event: e.event, reason: e.reason })
    case 'done':
      return JSON.stringify({ event: e.event, peak_rss_kb: e.peakRssKb })
    case 'error':
      return JSON.stringify({ event: e.event, message: e.message })
  }
}

/** One stdout line as an event; undefined for anything else (stray prints, a line cut off by a kill). */
export function decodeEvent(line: string): WorkerEvent | undefined {
  let v: unknown
  try {
    v = JSON.parse(line)
  } catch {
    return undefined
  }
  if (!isRecord(v)) return undefined
  const n = (key: string): number | undefined => (typeof v[key] === 'number' ? v[key] : undefined)
  switch (v['event']) {
    case 'loaded': {
      const [rows, cols, baselineRssKb] = [n('rows'), n('cols'), n('baseline_rss_kb')]
      return rows === undefined || cols === undefined || baselineRssKb === undefined ? undefined : { event: 'loaded', rows, cols, baselineRssKb }
    }
    case 'seed': {
      const [seed, trainRows, trainMs, batchRows, batchMs, peakRssKb] = ['seed', 'train_rows', 'train_ms', 'batch_rows', 'batch_ms', 'peak_rss_kb'].map(n)
      const scores = v['scores']
      const notes = asNotes(v['notes'])
      if (seed === undefined || trainRows === undefined || trainMs === undefined || batchRows === undefined || batchMs === undefined) return undefined
      if (peakRssKb === undefined || notes === undefined || !Array.isArray(scores)) return undefined
      // JSON has no NaN: a non-finite score arrives as null and stays NaN
      const values = Float64Array.from(scores as unknown[], (s) => (typeof s === 'number' ? s : NaN))
      return { event: 'seed', seed, trainRows, trainMs, batchRows, batchMs, scores: values, notes, peakRssKb }
    }
    case 'latency': {
      const [calls, medianUs, p90Us] = [n('calls'), n('median_us'), n('p90_us')]
      return calls === undefined || medianUs === undefined || p90Us === undefined ? undefined : { event: 'latency', calls, medianUs, p90Us }
    }
    case 'trained': {
      const [trainRows, trainMs, batchRows, batchMs, peakRssKb] = ['train_rows', 'train_ms', 'batch_rows', 'batch_ms', 'peak_rss_kb'].map(n)
      const notes = asNotes(v['notes'])
      if (trainRows === undefined || trainMs === undefined || batchRows === undefined || batchMs === undefined) return undefined
      if (peakRssKb === undefined || notes === undefined) return undefined
      return { event: 'trained', trainRows, trainMs, batchRows, batchMs, notes, peakRssKb }
    }
    case 'stopped':
      return typeof v['reason'] === 'string' ? { event: 'stopped', reason: v['reason'] } : undefined
    case 'done': {
      const peakRssKb = n('peak_rss_kb')
      return peakRssKb === undefined ? undefined : { event: 'done', peakRssKb }
    }
    case 'error':
      return typeof v['message'] === 'string' ? { event: 'error', message: v['message'] } : undefined
    default:
      return undefined
  }
}

function asNotes(v: unknown): Notes | undefined {
  if (v === undefined || v === null) return {}
  if (!isRecord(v)) return undefined
  const out: Record<string, string | number | boolean> = {}
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = x
    else out[k] = JSON.stringify(x)
  }
  return out
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
