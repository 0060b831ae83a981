/** The result table's columns and cells, shared by the console and the Markdown renderings. */
import { formatDiff, formatMetric, formatMs, formatRatio, ratio } from './format.js'
import type { DatasetResult } from './report.js'

export interface Column {
  /** Columns with the same group sit under one heading (e.g. "AUROC"). */
  readonly group: string
  readonly label: string
  readonly align: 'left' | 'right'
}

const col = (group: string, label: string, align: Column['align'] = 'right'): Column => ({ group, label, align })

export const COLUMNS: readonly Column[] = [
  col('', 'dataset', 'left'),
  col('', 'rows x cols'),
  col('AUROC', 'vigil'),
  col('AUROC', 'sklearn'),
  col('AUROC', 'diff'),
  col('PR-AUC', 'vigil'),
  col('PR-AUC', 'sklearn'),
  col('train ms', 'vigil'),
  col('train ms', 'sklearn'),
  col('train ms', 'ratio'),
  col('score ms', 'vigil'),
  col('score ms', 'sklearn'),
  col('score ms', 'ratio'),
]

export function tableRow(r: DatasetResult): string[] {
  const s = r.sklearn ?? undefined
  return [
    r.dataset,
    `${r.rows} x ${r.cols}`,
    formatMetric(r.vigil.auroc),
    formatMetric(s?.auroc),
    formatDiff(s === undefined ? undefined : r.vigil.auroc - s.auroc),
    formatMetric(r.vigil.prAuc),
    formatMetric(s?.prAuc),
    formatMs(r.vigil.trainMs),
    formatMs(s?.trainMs),
    formatRatio(ratio(r.vigil.trainMs, s?.trainMs)),
    formatMs(r.vigil.scoreMs),
    formatMs(s?.scoreMs),
    formatRatio(ratio(r.vigil.scoreMs, s?.scoreMs)),
  ]
}
