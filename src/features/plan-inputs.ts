import { InvalidInputError } from '../errors.js'
import type { DatasetManifest } from '../store/dataset-manifest.js'
import type { ColumnProfile } from '../ingest/profile-table.js'
import { detectTimestamp } from './detect-timestamp.js'
import { DEFAULT_LAGS, DEFAULT_WINDOWS, type FeatureConfig } from './feature-config.js'
import { isLabelLike } from './label-like.js'
import type { SelectionEntry } from './pipeline-spec.js'

export interface ColumnChoice {
  readonly target_column?: string | undefined
  readonly feature_columns?: readonly string[] | undefined
  readonly label_column?: string | undefined
}

/** Which raw columns a model reads, before their values are looked at. */
export interface InputPlan {
  readonly numeric: string[]
  readonly categorical: string[]
  /** Chosen automatically (subject to the constant-value rule), not named by the user. */
  readonly auto: ReadonlySet<string>
  readonly timestamp: string | null
  readonly series: string | null
  /** Columns that get lags, windows and a difference: only when rows have a time order. */
  readonly lagColumns: string[]
  readonly lags: readonly number[]
  readonly windows: readonly number[]
  readonly selection: SelectionEntry[]
}

const MIN_COVERAGE = 0.7
const MIN_CARDINALITY = 2
const MAX_CARDINALITY = 1000
const ID_NAME = /(^|[._-])(id|uuid|guid|key|index)$/i

/**
 * Decide the model's raw inputs: the target and listed features as given;
 * otherwise every usable column, filtered by 000's rules (coverage, cardinality,
 * identifiers). Unknown or unusable named columns are a 400 naming them.
 */
export function planInputs(manifest: DatasetManifest, choice: ColumnChoice, config: FeatureConfig | false): InputPlan {
  const profiles = new Map(manifest.profile.map((p) => [p.name, p]))
  const columnsText = manifest.columns.map((c) => c.name).join(', ')
  const find = (field: string, name: string): ColumnProfile => {
    const p = profiles.get(name)
    if (!p) {
      throw new InvalidInputError(`${field} '${name}' is not a column of dataset ${manifest.dataset_id}; its columns are: ${columnsText}`, {
        field,
        value: name,
        limit: manifest.columns.map((c) => c.name),
      })
    }
    return p
  }
  const isNumeric = (p: ColumnProfile): boolean => p.kind === 'numeric' || p.kind === 'boolean'
  const categorical = config !== false && config.categorical
  const requireUsable = (field: string, p: ColumnProfile, numericOnly: boolean): void => {
    if (isNumeric(p) || (!numericOnly && categorical && p.kind === 'string')) return
    const numericNames = manifest.profile.filter(isNumeric).map((c) => c.name)
    throw new InvalidInputError(
      `${field} '${p.name}' has type ${p.type}; ${numericOnly || !categorical ? 'this needs a numeric or boolean column' : 'usable inputs are numeric, boolean or text columns'} (numeric columns: ${numericNames.join(', ') || 'none'})`,
      { field, value: p.name, type: p.type },
    )
  }

  if (choice.label_column !== undefined) find('label_column', choice.label_column)
  const target = choice.target_column === undefined ? undefined : find('target_column', choice.target_column)
  if (target) requireUsable('target_column', target, true)
  const listed = (choice.feature_columns ?? []).map((name, i) => {
    const p = find(`feature_columns[${i}]`, name)
    requireUsable(`feature_columns[${i}]`, p, false)
    return p
  })
  if (choice.label_column !== undefined && (choice.label_column === choice.target_column || choice.feature_columns?.includes(choice.label_column))) {
    throw new InvalidInputError(`label_column '${choice.label_column}' cannot also be a model input: a model must not see the answer`, {
      field: 'label_column',
      value: choice.label_column,
    })
  }

  const series = config === false || config.series_column === undefined ? null : find('features.series_column', config.series_column).name
  const reserved = new Set([choice.label_column, series].filter((c): c is string => c !== undefined && c !== null))
  let timestamp: string | null = null
  if (config !== false) {
    timestamp = config.timestamp_column === undefined ? detectTimestamp(manifest, new Set([...reserved, ...listed.map((p) => p.name), ...(target ? [target.name] : [])])) : find('features.timestamp_column', config.timestamp_column).name
  }
  if (timestamp) reserved.add(timestamp)

  const selection: SelectionEntry[] = []
  const auto = new Set<string>()
  let chosen: ColumnProfile[]
  if (listed.length > 0) {
    chosen = [...(target ? [target] : []), ...listed]
  } else {
    chosen = target ? [target] : []
    for (const p of manifest.profile) {
      if (reserved.has(p.name) || p.name === target?.name) continue
      const dropped = isLabelLike(p.name) ? labelLike(p.name) : selectionRule(p, manifest.rows, categorical)
      if (dropped) {
        if (config === false || config.selection || dropped.rule === 'unsupported_type' || dropped.rule === 'label_like') {
          selection.push(dropped)
          continue
        }
      }
      chosen.push(p)
      auto.add(p.name)
    }
  }
  const unique = [...new Map(chosen.map((p) => [p.name, p])).values()]
  const order = timeOrder(config, timestamp, series)
  const namedLagColumns = config === false ? undefined : config.lag_columns
  const lagColumns = (namedLagColumns ?? (target && order ? [target.name] : [])).map((name, i) => {
    const p = find(`features.lag_columns[${i}]`, name)
    requireUsable(`features.lag_columns[${i}]`, p, true)
    return p.name
  })
  if (config !== false && target && !order) {
    selection.push({
      column: target.name,
      rule: 'no_time_order',
      value: 'lags, rolling windows and difference not generated',
      limit: 'rows in time order: a timestamp column (detected, or features.timestamp_column), features.series_column, or features.lags / features.windows',
    })
  }
  const numeric = unique.filter(isNumeric).map((p) => p.name)
  for (const c of lagColumns) if (!numeric.includes(c)) numeric.push(c)
  const result: InputPlan = {
    numeric,
    categorical: unique.filter((p) => p.kind === 'string').map((p) => p.name),
    auto,
    timestamp,
    series,
    lagColumns,
    lags: config === false ? [] : (config.lags ?? DEFAULT_LAGS),
    windows: config === false ? [] : (config.windows ?? DEFAULT_WINDOWS),
    selection,
  }
  if (result.numeric.length + result.categorical.length === 0 && !(timestamp && config !== false && config.time_features)) {
    throw new InvalidInputError(`dataset ${manifest.dataset_id} has no usable input column; its columns are: ${columnsText}`, {
      field: 'feature_columns',
      value: [],
      dropped: selection,
    })
  }
  return result
}

/**
 * Rows have a time order when they carry a timestamp, when the request names a
 * series column (rows of a series in file order), or when it asks for lags,
 * windows or lag columns explicitly. Without one, lags and rolling windows
 * over file order are noise for independent rows.
 */
function timeOrder(config: FeatureConfig | false, timestamp: string | null, series: string | null): boolean {
  if (config === false) return false
  return timestamp !== null || series !== null || config.lags !== undefined || config.windows !== undefined || config.lag_columns !== undefined
}

/** A column named like the answer is never an automatic input: a model must not see its labels. */
function labelLike(column: string): SelectionEntry {
  return { column, rule: 'label_like', value: column, limit: 'not named like a label; pass it as label_column (or name it in feature_columns to use it as an input)' }
}

/** 000's rules for an automatically chosen column; undefined when it is kept. */
function selectionRule(p: ColumnProfile, rows: number, categorical: boolean): SelectionEntry | undefined {
  const usable = p.kind === 'numeric' || p.kind === 'boolean' || (categorical && p.kind === 'string')
  if (!usable) return { column: p.name, rule: 'unsupported_type', value: p.type, limit: categorical ? 'numeric, boolean or text' : 'numeric or boolean' }
  const coverage = rows > 0 ? p.count / rows : 0
  if (coverage < MIN_COVERAGE) return { column: p.name, rule: 'coverage', value: round(coverage), limit: `>= ${MIN_COVERAGE}` }
  const unique = p.count >= 20 && p.distinct === p.count
  if (p.kind === 'string') {
    if (unique) return { column: p.name, rule: 'identifier', value: p.distinct, limit: 'fewer distinct values than rows' }
    if (p.distinct < MIN_CARDINALITY || p.distinct > MAX_CARDINALITY) {
      return { column: p.name, rule: 'cardinality', value: p.distinct, limit: `${MIN_CARDINALITY} to ${MAX_CARDINALITY}` }
    }
  } else if (unique && ID_NAME.test(p.name)) {
    return { column: p.name, rule: 'identifier', value: p.distinct, limit: 'fewer distinct values than rows' }
  }
  return undefined
}

function round(v: number): number {
  return Math.round(v * 10_000) / 10_000
}
