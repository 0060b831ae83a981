import { topDeviations } from '../explain/top-deviations.js'
import type { RowPrediction } from '../services/predict.js'

/** How much of each row's explanation a batch answer carries. */
export type ExplanationDetail = 'compact' | 'full'

/** Features kept per row in a compact explanation. */
export const COMPACT_DRIVERS = 3

/**
 * A row with its explanation cut to the `COMPACT_DRIVERS` features that drove
 * the score most (the sentence and the method stay). A full explanation costs
 * about 0.4 KB per model input and row in the answer: on a wide model and
 * 100,000 rows that is hundreds of megabytes, most of it features that did
 * not matter.
 */
export function withDetail(row: RowPrediction, detail: ExplanationDetail): RowPrediction {
  if (detail === 'full' || row.feature_deviations === undefined) return row
  return { ...row, feature_deviations: topDeviations(row.feature_deviations, COMPACT_DRIVERS) }
}
