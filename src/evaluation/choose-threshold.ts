import { InvalidInputError } from '../errors.js'
import { quantile } from '../math/stats.js'
import { autoThreshold } from './auto-threshold.js'
import { recommendThreshold } from './recommend-threshold.js'
import type { ResolvedThresholdOptions } from './threshold-options.js'

export interface ThresholdChoice {
  readonly threshold: number
  readonly name: string
  /** The labelled objective's best threshold, for the evaluation table (null without labels). */
  readonly recommended: { readonly name: string; readonly threshold: number } | null
}

export interface ScoresForThreshold {
  readonly train: Float64Array
  /** The contamination quantile of the training scores. */
  readonly baseline: number
  readonly validation?: { readonly scores: Float64Array; readonly labels: Uint8Array } | undefined
}

/** Apply the request's threshold objective; labelled objectives without labels are a 400. */
export function chooseThreshold(options: ResolvedThresholdOptions, s: ScoresForThreshold): ThresholdChoice {
  const v = s.validation
  const labelled = (o: 'f1' | 'fbeta' | 'recall') => {
    if (!v) throw new InvalidInputError(`threshold.objective '${o}' needs labels: give label_column`, { field: 'threshold.objective', value: o })
    return recommendThreshold(v.scores, v.labels, o, { beta: options.beta, target: options.target ?? 0.9 })
  }
  if ((options.objective === 'recall' || options.objective === 'alert_rate') && options.target === undefined) {
    throw new InvalidInputError(`threshold.objective '${options.objective}' needs threshold.target (a share in (0, 1])`, { field: 'threshold.target' })
  }
  const name = options.objective === 'fbeta' ? `f${options.beta}` : options.objective
  const recommendedObjective = options.objective === 'fbeta' || options.objective === 'recall' ? options.objective : 'f1'
  const recommended = v
    ? { name: recommendedObjective === 'fbeta' ? `recommended (max F${options.beta})` : recommendedObjective === 'recall' ? `recommended (recall ≥ ${options.target})` : 'recommended (max F1)', threshold: labelled(recommendedObjective) }
    : null
  switch (options.objective) {
    case 'contamination':
      return { threshold: s.baseline, name, recommended }
    case 'auto':
      return { threshold: autoThreshold(s.train), name, recommended }
    case 'alert_rate':
      return { threshold: quantile(s.train, 1 - (options.target as number)), name, recommended }
    default:
      return { threshold: labelled(options.objective), name, recommended }
  }
}
