/** Every table of a run, with headings: what is printed and what goes into the doc. */
import type { BenchResult } from './experiment.js'
import { BASELINE_WINDOW } from './baseline.js'
import { ablationTable, baselineTable, seriesTable, thresholdTable, verdicts } from './report.js'

const TITLES: Readonly<Record<string, string>> = { isolation_forest: 'Isolation forest', local_outlier_factor: 'Local outlier factor' }

export function renderTables(result: BenchResult): string {
  const parts: string[] = []
  for (const a of result.algorithms) {
    const seeds = a.seeds.length > 1 ? `mean over seeds ${a.seeds.join(', ')}` : `seed ${a.seeds.join('')}`
    parts.push(`### ${TITLES[a.algorithm] ?? a.algorithm} (${seeds}); base = rolling z-score, w = ${BASELINE_WINDOW}\n\n${seriesTable(result, a)}`)
  }
  parts.push(`### Summary, NAB corpus score and thresholds\n\n${thresholdTable(result)}`)
  parts.push(`### Acceptance criterion\n\n${verdicts(result)}`)
  parts.push(`### Baseline window\n\n${baselineTable(result)}`)
  const ablations = ablationTable(result)
  parts.push(
    ablations === ''
      ? '### Ablations\n\nNot run (`--no-ablations`).'
      : `### Ablations (isolation forest, mean over seeds; +/− = better/not better than raw)\n\n${ablations}`,
  )
  return `${parts.join('\n\n')}\n`
}
