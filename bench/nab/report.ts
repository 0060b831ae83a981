/** The result tables, as Markdown (printed as is and written to the doc). */
import type { MeanMetrics, SeriesMetrics } from './evaluate.js'
import type { AlgorithmResult, BenchResult } from './experiment.js'
import { beats, corpusNab, groups, meanOf } from './summary.js'
import { RAW, AUTO } from './ways.js'

const f3 = (v: number): string => (Number.isNaN(v) ? '–' : v.toFixed(3))
const f1 = (v: number): string => (Number.isNaN(v) ? '–' : v.toFixed(1))

function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`
  return [line(header), line(align.map((a) => (a === 'l' ? '---' : '---:'))), ...rows.map(line)].join('\n')
}

function metricCells(ways: readonly SeriesMetrics[]): string[] {
  return [...ways.map((m) => f3(m.auroc)), ...ways.map((m) => f3(m.prAuc)), ...ways.map((m) => f1(m.nab))]
}

/** Series as rows; AUROC, PR-AUC and NAB for raw / auto / baseline as columns; then the means. */
export function seriesTable(result: BenchResult, algo: AlgorithmResult): string {
  const ways: readonly MeanMetrics[] = [algo.raw, algo.auto, result.baseline]
  const names = ['raw', 'auto', 'base']
  const header = ['series', ...['AUROC', 'PR-AUC', 'NAB'].flatMap((m) => names.map((n) => `${m} ${n}`))]
  const rows = result.series.map((s, i) => [`${s.category}/${s.name}`, ...metricCells(ways.map((w) => w.perSeries[i] as SeriesMetrics))])
  for (const g of groups(result.series)) rows.push([`**${g.label}**`, ...metricCells(ways.map((w) => meanOf(w, g.indices))).map((c) => `**${c}**`)])
  return table(header, rows, ['l', ...header.slice(1).map(() => 'r' as const)])
}

/** Per way: the means, NAB's pooled corpus score, and the chosen threshold (per seed). */
export function thresholdTable(result: BenchResult): string {
  const all = result.series.map((_, i) => i)
  const rows: string[][] = []
  const add = (label: string, m: MeanMetrics): void => {
    const mean = meanOf(m, all)
    const t = m.thresholds
    rows.push([label, f3(mean.auroc), f3(mean.prAuc), f1(mean.nab), f1(corpusNab(m)), t.map((x) => x.threshold.toPrecision(4)).join(' / '), t.map((x) => x.quantile.toFixed(4)).join(' / ')])
  }
  for (const a of result.algorithms) {
    add(`${a.algorithm} raw`, a.raw)
    add(`${a.algorithm} auto`, a.auto)
  }
  add('rolling z-score baseline', result.baseline)
  const header = ['detector / way', 'mean AUROC', 'mean PR-AUC', 'mean NAB', 'corpus NAB', 'threshold (per seed)', 'quantile of pooled scores']
  return table(header, rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r'])
}

/** The acceptance criterion, per algorithm: does auto beat raw on the mean of the series? */
export function verdicts(result: BenchResult): string {
  const all = result.series.map((_, i) => i)
  return result.algorithms
    .map((a) => {
      const v = beats(a.auto, a.raw)
      const r = meanOf(a.raw, all)
      const x = meanOf(a.auto, all)
      const part = (name: string, auto: string, raw: string, ok: boolean): string => `${name} ${auto} vs ${raw} (${ok ? 'better' : 'not better'})`
      return (
        `- ${a.algorithm}: auto vs raw on the mean of ${all.length} series: ` +
        [part('AUROC', f3(x.auroc), f3(r.auroc), v.auroc), part('PR-AUC', f3(x.prAuc), f3(r.prAuc), v.prAuc), part('NAB', f1(x.nab), f1(r.nab), v.nab)].join(', ') +
        ` → criterion ${v.all ? 'MET' : 'NOT MET'}`
      )
    })
    .join('\n')
}

/** The baseline's means for several windows w. */
export function baselineTable(result: BenchResult): string {
  const all = result.series.map((_, i) => i)
  const rows = result.baselineByWindow.map(({ window, metrics }) => {
    const m = meanOf(metrics, all)
    return [String(window), f3(m.auroc), f3(m.prAuc), f1(m.nab), f1(corpusNab(metrics)), (metrics.thresholds[0]?.threshold ?? NaN).toPrecision(4)]
  })
  return table(['baseline window w', 'mean AUROC', 'mean PR-AUC', 'mean NAB', 'corpus NAB', 'threshold'], rows, ['r', 'r', 'r', 'r', 'r', 'r'])
}

/** Isolation forest, auto with one or more defaults changed, against raw and default auto. */
export function ablationTable(result: BenchResult): string {
  const forest = result.algorithms.find((a) => a.algorithm === 'isolation_forest')
  if (!forest || result.ablations.length === 0) return ''
  const all = result.series.map((_, i) => i)
  const rows = [
    { label: RAW.label, features: 'false', m: forest.raw },
    { label: AUTO.label, features: '(omitted)', m: forest.auto },
    ...result.ablations.map((a) => ({ label: a.variant.label, features: `\`${JSON.stringify(a.variant.features)}\``, m: a.metrics })),
  ].map(({ label, features, m }) => {
    const mean = meanOf(m, all)
    const v = beats(m, forest.raw)
    const mark = m === forest.raw ? '' : `${v.all ? 'yes' : 'no'} (${[v.auroc, v.prAuc, v.nab].map((b) => (b ? '+' : '−')).join('')})`
    return [label, features, f3(mean.auroc), f3(mean.prAuc), f1(mean.nab), f1(corpusNab(m)), mark]
  })
  const header = ['isolation forest variant', '`features`', 'mean AUROC', 'mean PR-AUC', 'mean NAB', 'corpus NAB', 'beats raw on all three (AUROC, PR-AUC, NAB)']
  return table(header, rows, ['l', 'l', 'r', 'r', 'r', 'r', 'l'])
}
