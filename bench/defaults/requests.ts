/** The two training requests a new user sends: 002's README style, and the bare minimum. */
import type { LabelledTable } from './labelled-sets.js'
import { LABEL } from './labelled-sets.js'

export const ALGORITHMS = ['isolation_forest', 'one_class_svm', 'local_outlier_factor', 'random_forest', 'logistic_regression', 'gradient_boosting'] as const
export type Algorithm = (typeof ALGORITHMS)[number]

export const SUPERVISED: ReadonlySet<Algorithm> = new Set(['random_forest', 'logistic_regression', 'gradient_boosting'])

export type RequestStyle = '002' | 'bare'

/**
 * 002: `{"algorithm", "contamination": 0.1, "target_column": <first input>, "feature_columns": <the other inputs>}`
 * (plus `label_column` for a supervised algorithm), as the README's examples
 * do. Bare: `{"algorithm"}` only (plus `label_column` where it is required):
 * Vigil chooses the columns itself from the uploaded table, label and id
 * columns included in the upload.
 */
export function trainRequest(style: RequestStyle, algorithm: Algorithm, table: LabelledTable): Record<string, unknown> {
  const label = SUPERVISED.has(algorithm) ? { label_column: LABEL } : {}
  if (style === 'bare') return { algorithm, ...label }
  const [target, ...rest] = table.inputs
  return { algorithm, contamination: 0.1, target_column: target, feature_columns: rest, ...label }
}
