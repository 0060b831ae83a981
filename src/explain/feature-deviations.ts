import { MISSING_CATEGORY, type FeatureOutput, type PipelineSpec } from '../features/pipeline-spec.js'
import { categoricalLevel, numericLevel, type DeviationLevel } from './deviation-level.js'
import { percentileOf, robustZ } from './robust-z.js'

/** 000's per-feature answer. */
export interface FeatureDeviation {
  readonly type: 'numerical' | 'categorical'
  readonly value: number | string
  /** Numerical: robust standard deviations from the training median. */
  readonly z_score?: number
  /** Categorical: 1 − share of training rows with this value (1 = never seen). */
  readonly rarity_score?: number
  /** Numerical: share of training values ≤ this one. Categorical: share of training rows whose value is at least as rare. */
  readonly percentile: number
  /** This feature's part in the score (see docs/scores-and-thresholds.md for the units per algorithm). */
  readonly contribution: number
  readonly deviation_level: DeviationLevel
}

export interface RowContext {
  /** The row's model inputs before standardisation (missing values already imputed). */
  readonly values: Float64Array
  /** Text inputs' values for this row (null = missing). */
  readonly categories: ReadonlyMap<string, string | null>
  /** Inputs the event did not provide: not explained (they are listed in missing_features). */
  readonly missing: ReadonlySet<string>
}

const NUMERIC_OPS = new Set<FeatureOutput['op']>(['numeric', 'lag', 'rolling_mean', 'rolling_std', 'rolling_z', 'diff'])
const CALENDAR_OPS = new Set<FeatureOutput['op']>(['hour', 'day_of_week', 'month', 'is_weekend'])

/**
 * One entry per explainable feature: numeric model inputs by their name, text
 * inputs once by their input name (their one-hot or frequency columns
 * summed), calendar parts as categories. `contributions` are per model input
 * (the algorithm's own attribution, or the robust-z fallback).
 */
export function featureDeviations(spec: PipelineSpec, row: RowContext, contributions: Float64Array): Record<string, FeatureDeviation> {
  const out: Record<string, FeatureDeviation> = {}
  const textContribution = new Map<string, number>()
  for (let j = 0; j < spec.outputs.length; j++) {
    const o = spec.outputs[j] as FeatureOutput
    const c = contributions[j] as number
    if (o.op === 'onehot' || o.op === 'frequency') {
      textContribution.set(o.source, (textContribution.get(o.source) ?? 0) + c)
      continue
    }
    const stats = spec.stats[j]
    if (!stats || row.missing.has(o.source)) continue
    const value = row.values[j] as number
    if (NUMERIC_OPS.has(o.op)) {
      const z = robustZ(value, stats)
      out[o.name] = {
        type: 'numerical',
        value,
        z_score: round(z),
        percentile: round(percentileOf(value, stats)),
        contribution: c,
        deviation_level: numericLevel(z, value < stats.min || value > stats.max),
      }
    } else if (CALENDAR_OPS.has(o.op) && stats.frequencies) {
      out[o.name] = categorical(String(value), stats.frequencies, c)
    }
  }
  for (const [input, contribution] of textContribution) {
    if (row.missing.has(input)) continue
    out[input] = categorical(row.categories.get(input) ?? MISSING_CATEGORY, spec.categories[input] ?? {}, contribution)
  }
  return out
}

function categorical(value: string, shares: Readonly<Record<string, number>>, contribution: number): FeatureDeviation {
  const share = shares[value] ?? 0
  let tailMass = 0
  if (share > 0) for (const s of Object.values(shares)) if (s <= share) tailMass += s
  return {
    type: 'categorical',
    value,
    rarity_score: round(1 - share),
    percentile: round(tailMass),
    contribution,
    deviation_level: categoricalLevel(tailMass),
  }
}

function round(v: number): number {
  return Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v
}
