/** One algorithm compared against its scikit-learn counterpart. */
import type { Matrix } from '../src/math/matrix.js'
import type { SklearnModel } from './sklearn.js'

/** A trained Vigil model as the bench sees it. */
export interface VigilScorer {
  /** One score per row; higher = more anomalous. */
  score(X: Matrix): Float64Array
}

export interface BenchCase {
  /** Short id, used in file names and the raw JSON. */
  readonly id: string
  readonly title: string
  /** Human-readable parameters of both sides, for the report. */
  readonly protocol: string
  /** Fit Vigil's model on all rows (unsupervised) with the given seed. */
  readonly vigil: (X: Matrix, seed: number) => Promise<VigilScorer>
  /** The scikit-learn side: which script, and the estimator's keyword arguments (`random_state` is the seed). */
  readonly sklearn: { readonly model: SklearnModel; readonly params: Readonly<Record<string, string | number | boolean>> }
}
