import type { Matrix } from '../math/matrix.js'
import { computeOutputs } from './compute-outputs.js'
import { finishMatrix } from './finish-matrix.js'
import { concatFrames, type Frame } from './frame.js'
import type { PipelineSpec } from './pipeline-spec.js'
import { tailsFrame } from './series-tails.js'

/**
 * New rows → model matrix, by the code that built the training matrix. Rows
 * with lags and windows take their history from `history` when given (rows
 * sent with the request), otherwise from the tails stored at training; the
 * history rows themselves are not returned.
 */
export function applyPipeline(spec: PipelineSpec, frame: Frame, history?: Frame): Matrix {
  const d = spec.outputs.length
  if (spec.history_length === 0) return finishMatrix(computeOutputs(spec, frame), frame.rows, spec)
  const prefix = history ?? tailsFrame(spec)
  const extended = concatFrames([prefix, frame])
  const raw = computeOutputs(spec, extended)
  return finishMatrix(raw.slice(prefix.rows * d), frame.rows, spec)
}
