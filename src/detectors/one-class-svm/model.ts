import type { Matrix } from '../../math/matrix.js'
import type { Kernel } from './kernel.js'

/**
 * A trained one-class SVM: f(x) = Σ_i α_i K(s_i, x) - ρ is scikit-learn's
 * `decision_function` (positive inside the learned boundary); Vigil's
 * anomaly score is -f(x).
 */
export interface OneClassSvmModel {
  readonly kernel: Kernel
  /** Support vectors s_i, one per row (scikit-learn's `support_vectors_`). */
  readonly supportVectors: Matrix
  /** α_i in (0, 1] (scikit-learn's `dual_coef_`). */
  readonly dualCoef: Float64Array
  /** ρ (scikit-learn's `offset_`, = -`intercept_`). */
  readonly rho: number
}
