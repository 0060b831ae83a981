import { CALENDAR_PARTS, calendarParts } from './calendar-parts.js'
import type { Frame } from './frame.js'
import type { FeatureConfig } from './feature-config.js'
import type { InputPlan } from './plan-inputs.js'
import { MISSING_CATEGORY, type FeatureOutput, type PipelineInput, type SelectionEntry } from './pipeline-spec.js'

/** Share of missing training values from which a numeric input also gets a 0/1 "was missing" column. */
const INDICATOR_MIN_MISSING = 0.01
/** At most this many categories keep their own frequency; rarer ones count as unseen. */
const MAX_FREQUENCY_ENTRIES = 10_000

export interface OutputPlan {
  readonly inputs: PipelineInput[]
  readonly outputs: FeatureOutput[]
  readonly selection: SelectionEntry[]
  /** Per text input: category → share of training rows. */
  readonly categories: Record<string, Record<string, number>>
}

/**
 * Turn the chosen raw columns into model features, now that their training
 * values are known: numeric columns (with a missing indicator where useful),
 * one-hot or frequency encodings, calendar parts of the timestamp, and lags
 * and rolling windows of the lag columns.
 */
export function planOutputs(plan: InputPlan, frame: Frame, config: FeatureConfig | false): OutputPlan {
  const selection = [...plan.selection]
  const outputs: FeatureOutput[] = []
  const inputs = new Map<string, PipelineInput>()
  const categories: Record<string, Record<string, number>> = {}
  for (const name of plan.numeric) {
    const col = frame.columns.get(name)
    if (!col || col.kind === 'string') continue
    const stats = missingAndRange(col.values)
    // only a column with a single value carries nothing: a column whose few extreme values stretch its
    // range is exactly where anomalies show, so spread is never a reason to drop a column
    if (plan.auto.has(name) && config !== false && config.selection && stats.constant && !plan.lagColumns.includes(name)) {
      selection.push({ column: name, rule: 'constant', value: stats.distinctValue, limit: 'at least two distinct values in the training rows' })
      continue
    }
    inputs.set(name, { name, kind: 'numeric' })
    outputs.push({ op: 'numeric', name, source: name })
    if (config !== false && config.missing_indicators && stats.missingShare >= INDICATOR_MIN_MISSING) {
      outputs.push({ op: 'missing', name: `${name}__missing`, source: name })
    }
  }
  if (config !== false) {
    for (const name of plan.categorical) {
      const col = frame.columns.get(name)
      if (!col || col.kind !== 'string') continue
      inputs.set(name, { name, kind: 'string' })
      const counts = new Map<string, number>()
      for (const v of col.values) counts.set(v ?? MISSING_CATEGORY, (counts.get(v ?? MISSING_CATEGORY) ?? 0) + 1)
      const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      categories[name] = Object.fromEntries(ranked.slice(0, MAX_FREQUENCY_ENTRIES).map(([c, n]) => [c, n / frame.rows]))
      if (ranked.length <= config.onehot_max_categories) {
        for (const [category] of ranked) outputs.push({ op: 'onehot', name: `${name}=${category}`, source: name, category })
      } else {
        outputs.push({ op: 'frequency', name: `${name}__frequency`, source: name, frequencies: categories[name] })
      }
    }
    if (plan.timestamp) {
      inputs.set(plan.timestamp, { name: plan.timestamp, kind: 'temporal' })
      if (config.time_features === 'auto') {
        const { parts, dropped } = calendarParts(frame, plan.timestamp)
        for (const op of parts) outputs.push({ op, name: op, source: plan.timestamp })
        selection.push(...dropped)
      } else if (config.time_features) {
        for (const op of CALENDAR_PARTS) outputs.push({ op, name: op, source: plan.timestamp })
      }
    }
    if (plan.series) inputs.set(plan.series, { name: plan.series, kind: 'string' })
    for (const source of plan.lagColumns) {
      inputs.set(source, { name: source, kind: 'numeric' })
      for (const k of plan.lags) outputs.push({ op: 'lag', name: `${source}__lag_${k}`, source, k })
      for (const window of plan.windows) {
        outputs.push({ op: 'rolling_mean', name: `${source}__rolling_mean_${window}`, source, window })
        outputs.push({ op: 'rolling_std', name: `${source}__rolling_std_${window}`, source, window })
        outputs.push({ op: 'rolling_z', name: `${source}__zscore_${window}`, source, window })
      }
      outputs.push({ op: 'diff', name: `${source}__diff`, source })
    }
  }
  return { inputs: [...inputs.values()], outputs: dedupe(outputs), selection, categories }
}

/** Share of missing values, and whether every present value is the same one (no values at all counts as constant). */
function missingAndRange(values: Float64Array): { missingShare: number; constant: boolean; distinctValue: number | string } {
  let n = 0
  let min = Infinity
  let max = -Infinity
  for (const v of values) {
    if (Number.isNaN(v)) continue
    n++
    if (v < min) min = v
    if (v > max) max = v
  }
  return {
    missingShare: values.length > 0 ? 1 - n / values.length : 0,
    constant: n === 0 || min === max,
    distinctValue: n === 0 ? 'no values' : min,
  }
}

function dedupe(outputs: FeatureOutput[]): FeatureOutput[] {
  const seen = new Set<string>()
  return outputs.filter((o) => (seen.has(o.name) ? false : (seen.add(o.name), true)))
}
