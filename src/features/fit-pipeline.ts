import type { Matrix } from '../math/matrix.js'
import { nanMedian } from '../math/stats.js'
import { computeOutputs } from './compute-outputs.js'
import type { FeatureConfig } from './feature-config.js'
import { finishMatrix } from './finish-matrix.js'
import type { Frame } from './frame.js'
import type { FeatureOutput, PipelineSpec } from './pipeline-spec.js'
import type { InputPlan } from './plan-inputs.js'
import { outputStats } from './output-stats.js'
import { planOutputs } from './plan-outputs.js'
import { seriesTails } from './series-tails.js'

export interface FittedPipeline {
  readonly spec: PipelineSpec
  /** The training rows as the model sees them, in dataset order. */
  readonly X: Matrix
  /** Missing values replaced by the training median, per output feature. */
  readonly imputed: Record<string, number>
}

/**
 * Fit the feature pipeline on the training frame and return both the stored
 * spec and the training matrix, computed by the same `computeOutputs` that
 * serves predictions.
 */
export function fitPipeline(frame: Frame, plan: InputPlan, config: FeatureConfig | false, standardize: boolean): FittedPipeline {
  const { inputs, outputs, selection, categories } = planOutputs(plan, frame, config)
  const core = { inputs, outputs, timestamp_column: plan.timestamp, series_column: plan.series }
  const raw = computeOutputs(core, frame)
  const d = outputs.length
  const n = frame.rows
  const fill: number[] = []
  const imputed: Record<string, number> = {}
  const column = new Float64Array(n)
  for (let j = 0; j < d; j++) {
    let missing = 0
    for (let i = 0; i < n; i++) {
      const v = raw[i * d + j] as number
      column[i] = v
      if (Number.isNaN(v)) missing++
    }
    const median = nanMedian(column)
    // a feature never seen at training (e.g. a lag of one-row series) falls back to 0
    fill.push(Number.isNaN(median) ? 0 : median)
    if (missing > 0) imputed[(outputs[j] as { name: string }).name] = missing
  }
  const stats = outputStats(raw, n, outputs)
  const scale = standardize ? fitScale(raw, n, d, fill, outputs) : null
  const historyLength = Math.max(0, ...outputs.map((o) => (o.op === 'lag' ? o.k : 'window' in o ? o.window : o.op === 'diff' ? 1 : 0)))
  const spec: PipelineSpec = {
    kind: 'pipeline',
    version: 2,
    ...core,
    field_aliases: config === false ? {} : config.field_aliases,
    fill,
    scale,
    history_length: historyLength,
    tails: seriesTails(frame, core, plan.lagColumns, historyLength),
    selection,
    stats,
    categories,
  }
  return { spec, X: finishMatrix(raw, n, { fill, scale }), imputed }
}

/**
 * Mean and standard deviation per output after imputation; a constant feature
 * keeps std 1. 0/1 indicators (one-hot categories, "was missing") stay 0/1:
 * divided by its standard deviation, a category seen in 2% of rows would sit
 * 7 units from the others and outweigh every measured column in a distance,
 * where 0/1 puts two categories √2 apart, as far as 1.4 standard deviations of
 * a numeric column (what scikit-learn's ColumnTransformer pipelines do).
 */
function fitScale(raw: Float64Array, n: number, d: number, fill: readonly number[], outputs: readonly FeatureOutput[]): { mean: number[]; std: number[] } {
  const mean = new Array<number>(d).fill(0)
  const sq = new Array<number>(d).fill(0)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = raw[i * d + j] as number
      const x = Number.isNaN(v) ? (fill[j] as number) : v
      mean[j] = (mean[j] as number) + x
      sq[j] = (sq[j] as number) + x * x
    }
  }
  const indicator = outputs.map((o) => o.op === 'onehot' || o.op === 'missing')
  const std = mean.map((s, j) => {
    if (indicator[j]) return 1
    const m = s / Math.max(1, n)
    const variance = (sq[j] as number) / Math.max(1, n) - m * m
    return variance > 1e-24 ? Math.sqrt(variance) : 1
  })
  return { mean: mean.map((s, j) => (indicator[j] ? 0 : s / Math.max(1, n))), std }
}
