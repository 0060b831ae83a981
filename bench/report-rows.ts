/** The per-algorithm result table: its columns and cells, shared by the console and the Markdown renderings. */
import { formatCount, formatDiff, formatMb, formatMetric, formatMs, formatRatio, formatUs, ratio, shorten } from './format.js'
import type { DatasetResult } from './report.js'
import type { SideSummary } from './side-result.js'

export interface Column {
  /** Columns with the same group sit under one heading (e.g. "AUROC"). */
  readonly group: string
  readonly label: string
  readonly align: 'left' | 'right'
}

const col = (group: string, label: string, align: Column['align'] = 'right'): Column => ({ group, label, align })
const vs = (group: string, withRatio = true): Column[] => [col(group, 'vigil'), col(group, 'sklearn'), col(group, withRatio ? 'ratio' : 'diff')]

export function columns(batchRows: number): Column[] {
  return [
    col('', 'dataset', 'left'),
    col('', 'rows x cols'),
    col('', 'fit rows (vigil)'),
    ...vs('AUROC', false),
    col('PR-AUC', 'vigil'),
    col('PR-AUC', 'sklearn'),
    ...vs('train ms'),
    ...vs(`score ${batchRows / 1000}k rows ms`),
    ...vs('1-row µs'),
    ...vs('memory MB'),
  ]
}

export function tableRow(r: DatasetResult): string[] {
  const v = r.vigil
  const s = r.sklearn ?? undefined
  return [
    r.dataset,
    `${formatCount(r.rows)} x ${r.cols}`,
    fitRows(v),
    failedCell(v) ?? formatMetric(v.auroc),
    s === undefined ? 'n/a' : (failedCell(s) ?? formatMetric(s.auroc)),
    formatDiff(v.auroc === undefined || s?.auroc === undefined ? undefined : v.auroc - s.auroc),
    formatMetric(v.prAuc),
    formatMetric(s?.prAuc),
    formatMs(v.trainMs),
    formatMs(s?.trainMs),
    formatRatio(ratio(v.trainMs, s?.trainMs)),
    formatMs(v.batchMs),
    formatMs(s?.batchMs),
    formatRatio(ratio(v.batchMs, s?.batchMs)),
    formatUs(v.latencyUs),
    formatUs(s?.latencyUs),
    formatRatio(ratio(v.latencyUs, s?.latencyUs)),
    formatMb(v.memoryMb),
    formatMb(s?.memoryMb),
    formatRatio(ratio(v.memoryMb, s?.memoryMb)),
  ]
}

/** "2,640", or "100,000 of 140,000 (subsample)" when Vigil trained on fewer rows than it was given. */
function fitRows(v: SideSummary): string {
  if (v.trainRows === undefined) return 'n/a'
  if (v.subsample === undefined) return formatCount(v.trainRows)
  return `${v.subsample.rows === undefined ? 'subsample' : formatCount(v.subsample.rows)} of ${formatCount(v.trainRows)}${v.subsample.rows === undefined ? '' : ' (subsample)'}`
}

/** A side that produced no seed shows its error in its AUROC cell; one with fewer seeds than asked, or a later error, says so next to its AUROC. */
function failedCell(side: SideSummary): string | undefined {
  if (side.auroc === undefined) return `error: ${shorten(side.error ?? 'no result', 40)}`
  if (side.seeds.length < side.seedsAsked) {
    const why = side.error === undefined ? '' : `; error: ${shorten(side.error, 24)}`
    return `${formatMetric(side.auroc)} (${side.seeds.length}/${side.seedsAsked} seeds${why})`
  }
  if (side.error !== undefined) return `${formatMetric(side.auroc)} (error: ${shorten(side.error, 24)})`
  return undefined
}
