import { LOWER, UPPER, type SolverState } from './solver-state.js'

/** libsvm's floor for a non-positive curvature Q_ii + Q_jj - 2Q_ij. */
export const TAU = 1e-12

/**
 * WSS3, the second-order working-set selection of Fan, Chen & Lin (2005),
 * with every y = +1: i maximises -G_i over rows that can still grow, j
 * maximises the guaranteed decrease (G_i - G_j)² / (Q_ii + Q_jj - 2Q_ij)
 * over rows that can still shrink. Writes i and j into `out` and returns
 * false, or returns true when the largest KKT violation is below eps.
 * Ties go to the later row, exactly as libsvm's `>=` / `<=`.
 */
export function selectWorkingSet(s: SolverState, out: Int32Array): boolean {
  const { G, status, activeSize: n } = s
  let gMax = -Infinity
  let gMax2 = -Infinity
  let iMax = -1
  for (let t = 0; t < n; t++) {
    if (status[t] !== UPPER && -(G[t] as number) >= gMax) {
      gMax = -(G[t] as number)
      iMax = t
    }
  }
  let jMin = -1
  let objDiffMin = Infinity
  // no i (every row at the upper bound) means optimal; the j loop would only update gMax2
  if (iMax >= 0) {
    const Qi = s.Q.row(iMax, n)
    const QD = s.Q.diagonal
    const qii = QD[iMax] as number
    for (let j = 0; j < n; j++) {
      if (status[j] === LOWER) continue
      const gj = G[j] as number
      if (gj >= gMax2) gMax2 = gj
      const gradDiff = gMax + gj
      if (gradDiff > 0) {
        const quad = qii + (QD[j] as number) - 2 * (Qi[j] as number)
        const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU)
        if (objDiff <= objDiffMin) {
          jMin = j
          objDiffMin = objDiff
        }
      }
    }
  }
  if (gMax + gMax2 < s.eps || jMin === -1) return true
  out[0] = iMax
  out[1] = jMin
  return false
}
