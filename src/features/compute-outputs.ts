import type { Frame, RawColumn } from './frame.js'
import { MISSING_CATEGORY, type FeatureOutput, type PipelineCore } from './pipeline-spec.js'
import { rowOrder } from './row-order.js'
import { fillSeriesOutput } from './series-ops.js'
import { timePart } from './time-parts.js'

/**
 * Every output feature for every row of a frame, row-major, NaN where a value
 * cannot be computed (imputation comes after). This one function serves
 * training, batches and single events, which is what makes train/serve
 * parity hold by construction.
 */
export function computeOutputs(core: PipelineCore, frame: Frame): Float64Array {
  const n = frame.rows
  const d = core.outputs.length
  const out = new Float64Array(n * d)
  const order = core.outputs.some(isSeries) ? rowOrder(frame, core.timestamp_column, core.series_column) : undefined
  core.outputs.forEach((output, j) => {
    const column = frame.columns.get(output.source)
    if (!column) {
      for (let i = 0; i < n; i++) out[i * d + j] = output.op === 'missing' ? 1 : NaN
      return
    }
    if (isSeries(output)) {
      const values = numericValues(column)
      for (const group of order?.groups ?? []) fillSeriesOutput(output, values, group, out, d, j)
      return
    }
    for (let i = 0; i < n; i++) out[i * d + j] = rowValue(output, column, i)
  })
  return out
}

function rowValue(output: FeatureOutput, column: RawColumn, i: number): number {
  switch (output.op) {
    case 'numeric':
      return column.kind === 'string' ? NaN : (column.values[i] as number)
    case 'missing':
      return column.kind === 'string' ? (column.values[i] === null ? 1 : 0) : Number.isNaN(column.values[i]) ? 1 : 0
    case 'onehot':
      return categoryOf(column, i) === output.category ? 1 : 0
    case 'frequency':
      return output.frequencies[categoryOf(column, i)] ?? 0
    case 'hour':
    case 'day_of_week':
    case 'month':
    case 'is_weekend':
      return column.kind === 'string' ? NaN : timePart(output.op, column.values[i] as number)
    default:
      return NaN
  }
}

function categoryOf(column: RawColumn, i: number): string {
  if (column.kind === 'string') return column.values[i] ?? MISSING_CATEGORY
  const v = column.values[i] as number
  return Number.isNaN(v) ? MISSING_CATEGORY : String(v)
}

function numericValues(column: RawColumn): Float64Array {
  return column.kind === 'string' ? new Float64Array(column.values.length).fill(NaN) : column.values
}

function isSeries(o: FeatureOutput): o is Extract<FeatureOutput, { op: 'lag' | 'rolling_mean' | 'rolling_std' | 'rolling_z' | 'diff' }> {
  return o.op === 'lag' || o.op === 'rolling_mean' || o.op === 'rolling_std' || o.op === 'rolling_z' || o.op === 'diff'
}
