import type { PipelineSpec } from '../features/pipeline-spec.js'
import { robustZ } from './robust-z.js'

/**
 * Per-input attribution for algorithms without their own (LOF, one-class
 * SVM): how unusual each input is, |robust z| for numbers and −log10 of the
 * category's training share for one-hot/frequency and calendar inputs,
 * normalised to sum to 1.
 */
export function fallbackContributions(spec: PipelineSpec, values: Float64Array, categories: ReadonlyMap<string, string | null>): Float64Array {
  const out = new Float64Array(spec.outputs.length)
  spec.outputs.forEach((o, j) => {
    const stats = spec.stats[j]
    if (!stats) return
    if (o.op === 'onehot' || o.op === 'frequency') {
      // one-hot columns of one input share one surprise value: give it to the active column only
      const category = categories.get(o.source) ?? null
      if (o.op === 'onehot' && o.category !== (category ?? '__missing__')) return
      out[j] = surprise(category === null ? undefined : spec.categories[o.source]?.[category])
    } else if (stats.frequencies) {
      out[j] = surprise(stats.frequencies[String(values[j])])
    } else if (o.op !== 'missing') {
      out[j] = Math.abs(robustZ(values[j] as number, stats))
    }
  })
  let total = 0
  for (const v of out) total += v
  if (total > 0) for (let j = 0; j < out.length; j++) out[j] = (out[j] as number) / total
  return out
}

/** −log10 of a share, with unseen values counted as one in a million. */
function surprise(share: number | undefined): number {
  return -Math.log10(Math.max(share ?? 0, 1e-6))
}
