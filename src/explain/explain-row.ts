import type { Frame } from '../features/frame.js'
import type { Matrix } from '../math/matrix.js'
import type { Fitted } from '../detectors/types.js'
import type { FeatureOutput, PipelineSpec } from '../features/pipeline-spec.js'
import { explanationText } from './explanation-text.js'
import { fallbackContributions } from './fallback-contributions.js'
import { featureDeviations, type FeatureDeviation } from './feature-deviations.js'
import { explainerMethod } from './named-explainer.js'

export interface RowExplanation {
  readonly explanation: string
  readonly feature_deviations: Record<string, FeatureDeviation>
  /**
   * How `contribution` was computed, when known: 'tree_shap' or 'saabas'
   * (tree ensembles, chosen per model by cost), 'robust_z' (the fallback).
   */
  readonly contribution_method?: string
}

/**
 * Explain row `i` of a scored batch: the algorithm's own attribution when it
 * has one (TreeSHAP, coefficients, path-based), robust z-scores otherwise; then
 * per-feature deviations against the training distribution and one sentence.
 */
export function explainRow(
  spec: PipelineSpec,
  fitted: Fitted<unknown>,
  X: Matrix,
  i: number,
  frame: Frame,
  missing: ReadonlySet<string>,
  isAnomaly: boolean,
): RowExplanation {
  const values = unscaledRow(X, i, spec.scale)
  const categories = new Map<string, string | null>()
  for (const [name, col] of frame.columns) if (col.kind === 'string') categories.set(name, col.values[i] ?? null)
  const own = fitted.explain?.(X, i)
  const contributions = own ?? fallbackContributions(spec, values, categories)
  const method = own ? explainerMethod(fitted.explain) : 'robust_z'
  const deviations = featureDeviations(spec, { values, categories, missing }, contributions)
  const explanation = explanationText(deviations, isAnomaly, outputsByName(spec))
  return method === undefined ? { explanation, feature_deviations: deviations } : { explanation, feature_deviations: deviations, contribution_method: method }
}

const outputMaps = new WeakMap<PipelineSpec, ReadonlyMap<string, FeatureOutput>>()

/** The spec's outputs by name, built once per loaded spec. */
function outputsByName(spec: PipelineSpec): ReadonlyMap<string, FeatureOutput> {
  let map = outputMaps.get(spec)
  if (!map) {
    map = new Map(spec.outputs.map((o) => [o.name, o]))
    outputMaps.set(spec, map)
  }
  return map
}

/** The model inputs of one row as they were before standardisation. */
function unscaledRow(X: Matrix, i: number, scale: PipelineSpec['scale']): Float64Array {
  const row = X.data.slice(i * X.cols, (i + 1) * X.cols)
  if (scale) for (let j = 0; j < row.length; j++) row[j] = (row[j] as number) * (scale.std[j] as number) + (scale.mean[j] as number)
  return row
}
