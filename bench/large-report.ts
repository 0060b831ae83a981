/** `npm run bench:large`: the result of one side's single fit on all rows, and its table. */
import type { Environment } from './environment.js'
import { formatCount, formatMb, formatMs, shorten } from './format.js'
import { formatDuration } from './progress.js'
import type { Column } from './report-rows.js'
import { memory } from './side-result.js'
import { appliedSubsample } from './subsample.js'
import type { Side, SideRun } from './side-process.js'
import type { Notes } from './worker-protocol.js'

export interface LargeResult {
  readonly algorithm: string
  readonly side: Side
  /** Why this row is here: a training-time run, or the check that a `max_samples` cap bounds training. */
  readonly purpose: 'train' | 'cap'
  readonly rowsGiven: number
  /** Rows the model was fitted on; absent when it capped them (`subsampled`) without saying how many. */
  readonly rowsUsed?: number
  /** The plugin trained on a subsample (`notes.max_samples_applied`, see subsample.ts). */
  readonly subsampled: boolean
  readonly trainMs?: number
  readonly batchRows?: number
  readonly batchMs?: number
  readonly memoryMb?: number
  readonly baselineRssMb?: number
  readonly peakRssMb?: number
  readonly notes: Notes
  readonly error?: string
  readonly wallMs: number
}

export interface LargeReport {
  readonly generatedAt: string
  /** Every registered algorithm of the list, at the default row count: only such a run rewrites the doc. */
  readonly complete: boolean
  readonly environment: Environment
  readonly rows: number
  readonly cols: number
  readonly anomalies: number
  readonly sklearn: boolean
  readonly timeoutMinutes: number
  readonly wallMs: number
  readonly results: readonly LargeResult[]
  /** Algorithms not registered in this build. */
  readonly skipped: readonly string[]
}

export function largeResult(algorithm: string, purpose: LargeResult['purpose'], rowsGiven: number, run: SideRun): LargeResult {
  const t = run.trained
  const subsample = t === undefined ? undefined : appliedSubsample(t.notes, t.trainRows)
  const error = run.error ?? (t === undefined ? 'no result (the child process reported no fit)' : undefined)
  return {
    algorithm,
    side: run.side,
    purpose,
    rowsGiven,
    subsampled: subsample !== undefined,
    ...(t === undefined ? {} : { trainMs: t.trainMs, batchRows: t.batchRows, batchMs: t.batchMs }),
    ...(t === undefined ? {} : subsample === undefined ? { rowsUsed: t.trainRows } : subsample.rows === undefined ? {} : { rowsUsed: subsample.rows }),
    ...memory(run),
    notes: t?.notes ?? {},
    ...(error === undefined ? {} : { error }),
    wallMs: run.wallMs,
  }
}

const col = (label: string, align: Column['align'] = 'right'): Column => ({ group: '', label, align })

export const LARGE_COLUMNS: readonly Column[] = [
  col('algorithm', 'left'),
  col('side', 'left'),
  col('rows used'),
  col('train time'),
  col('score 10k rows ms'),
  col('memory MB'),
  col('baseline MB'),
  col('notes', 'left'),
]

export function largeRow(r: LargeResult): string[] {
  const notes = Object.entries(r.notes).map(([k, v]) => `${k}=${String(v)}`)
  return [
    r.algorithm,
    r.side === 'vigil' ? 'Vigil' : 'scikit-learn',
    rowsUsed(r),
    r.trainMs === undefined ? (r.error === undefined ? 'n/a' : `error: ${shorten(r.error, 40)}`) : formatDuration(r.trainMs),
    formatMs(r.batchMs),
    formatMb(r.memoryMb),
    formatMb(r.baselineRssMb),
    notes.join(', ') || '',
  ]
}

function rowsUsed(r: LargeResult): string {
  if (r.subsampled) return `${r.rowsUsed === undefined ? 'a subsample' : formatCount(r.rowsUsed)} of ${formatCount(r.rowsGiven)}`
  return r.rowsUsed === undefined ? 'n/a' : `all ${formatCount(r.rowsUsed)}`
}
