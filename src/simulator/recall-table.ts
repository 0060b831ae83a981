import { round } from './sample.js'

/** One scenario's line: how many of its rows a model flagged. */
export interface RecallRow {
  readonly id: string
  readonly name: string
  readonly rows: number
  readonly flagged: number
  /** flagged / rows; null when the scenario has no rows in the evaluated set. */
  readonly recall: number | null
}

/** A model's result on labelled rows, per scenario and overall. */
export interface RecallTable {
  readonly scenarios: readonly RecallRow[]
  readonly anomalies: number
  readonly normal: number
  readonly false_positives: number
  /** Flagged normal rows / normal rows. */
  readonly false_positive_rate: number
  /** Flagged anomalous rows / anomalous rows. */
  readonly recall: number
  /** Flagged anomalous rows / flagged rows. */
  readonly precision: number
}

/**
 * Recall per scenario and the false-positive rate, from each row's planted
 * scenario id (null for normal rows) and whether a model flagged it.
 */
export function recallTable(scenarioIds: readonly (string | null)[], flagged: readonly boolean[], scenarios: readonly { id: string; name: string }[]): RecallTable {
  if (scenarioIds.length !== flagged.length) throw new RangeError(`recallTable: ${scenarioIds.length} labels but ${flagged.length} predictions`)
  const rows = new Map<string, number>()
  const hits = new Map<string, number>()
  let normal = 0
  let falsePositives = 0
  scenarioIds.forEach((id, i) => {
    if (id === null) {
      normal++
      if (flagged[i]) falsePositives++
      return
    }
    rows.set(id, (rows.get(id) ?? 0) + 1)
    if (flagged[i]) hits.set(id, (hits.get(id) ?? 0) + 1)
  })
  const anomalies = scenarioIds.length - normal
  const truePositives = [...hits.values()].reduce((s, n) => s + n, 0)
  return {
    scenarios: scenarios.map((s) => {
      const n = rows.get(s.id) ?? 0
      const f = hits.get(s.id) ?? 0
      return { id: s.id, name: s.name, rows: n, flagged: f, recall: n > 0 ? round(f / n, 4) : null }
    }),
    anomalies,
    normal,
    false_positives: falsePositives,
    false_positive_rate: normal > 0 ? round(falsePositives / normal, 4) : 0,
    recall: anomalies > 0 ? round(truePositives / anomalies, 4) : 0,
    precision: truePositives + falsePositives > 0 ? round(truePositives / (truePositives + falsePositives), 4) : 0,
  }
}

/** False-positive rate of normal rows per group (e.g. per source_service), groups in first-seen order. */
export function falsePositiveRateBy(groups: readonly string[], scenarioIds: readonly (string | null)[], flagged: readonly boolean[]): { group: string; normal: number; rate: number }[] {
  const counts = new Map<string, { normal: number; flagged: number }>()
  groups.forEach((g, i) => {
    if (scenarioIds[i] !== null) return
    const c = counts.get(g) ?? { normal: 0, flagged: 0 }
    c.normal++
    if (flagged[i]) c.flagged++
    counts.set(g, c)
  })
  return [...counts].map(([group, c]) => ({ group, normal: c.normal, rate: round(c.flagged / c.normal, 4) }))
}

/** Several models' tables side by side as Markdown: one row per scenario, one column per model. */
export function recallMarkdown(models: readonly { readonly label: string; readonly table: RecallTable }[]): string {
  const first = models[0]?.table
  if (!first) return ''
  const pct = (v: number | null): string => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`)
  const lines = [
    `| scenario | rows | ${models.map((m) => m.label).join(' | ')} |`,
    `| --- | ---: | ${models.map(() => '---:').join(' | ')} |`,
    ...first.scenarios.map((s, i) => `| ${s.id} ${s.name} | ${s.rows} | ${models.map((m) => pct(m.table.scenarios[i]?.recall ?? null)).join(' | ')} |`),
    `| **all anomalies (recall)** | ${first.anomalies} | ${models.map((m) => `**${pct(m.table.recall)}**`).join(' | ')} |`,
    `| **false-positive rate** | ${first.normal} normal | ${models.map((m) => `**${pct(m.table.false_positive_rate)}**`).join(' | ')} |`,
    `| precision | | ${models.map((m) => pct(m.table.precision)).join(' | ')} |`,
  ]
  return `${lines.join('\n')}\n`
}
