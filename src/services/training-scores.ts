import type { Fitted } from '../detectors/types.js'
import { createMatrix, selectRows, type Matrix } from '../math/matrix.js'
import { createRng } from '../math/random.js'

/**
 * Training rows scored to place the threshold, at most: a seeded sample
 * beyond it. 50,000 scores put the 1% quantile on 500 tail scores, while
 * scoring every row of a large set would cost neighbour- and kernel-based
 * algorithms as much as their fit again (LOF on 300k rows: minutes).
 */
export const CALIBRATION_ROWS = 50_000

/** Rows scored between two progress reports. */
const CHUNK_ROWS = 2_000

/**
 * The training score distribution a version is calibrated on: the scores the
 * plugin computed while fitting when it has them (LOF: each row without
 * itself among its neighbours, as scikit-learn's `negative_outlier_factor_`),
 * otherwise the scores of (a seeded sample of) the training rows, computed
 * in chunks so progress advances during the whole phase.
 */
export function trainingScores(fitted: Fitted<unknown>, X: Matrix, seed: number, progress: (fraction: number) => void): Float64Array {
  if (fitted.trainingScores) return fitted.trainingScores
  const rows = X.rows > CALIBRATION_ROWS ? selectRows(X, sampleRows(X.rows, CALIBRATION_ROWS, seed)) : X
  return scoreInChunks(fitted, rows, progress)
}

/** `fitted.score(X)`, CHUNK_ROWS rows at a time, reporting the share done after each chunk. */
export function scoreInChunks(fitted: Fitted<unknown>, X: Matrix, progress: (fraction: number) => void): Float64Array {
  if (X.rows <= CHUNK_ROWS) return fitted.score(X)
  const out = new Float64Array(X.rows)
  for (let start = 0; start < X.rows; start += CHUNK_ROWS) {
    const end = Math.min(X.rows, start + CHUNK_ROWS)
    // a view of the rows, not a copy
    out.set(fitted.score(createMatrix(end - start, X.cols, X.data.subarray(start * X.cols, end * X.cols))), start)
    progress(end / X.rows)
  }
  return out
}

function sampleRows(n: number, k: number, seed: number): Int32Array {
  const rng = createRng(seed ^ 0x5bd1e995)
  const rows = Int32Array.from({ length: n }, (_, i) => i)
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i)
    const t = rows[i] as number
    rows[i] = rows[j] as number
    rows[j] = t
  }
  return rows.slice(0, k).sort()
}
