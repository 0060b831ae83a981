import type { Matrix } from '../../math/matrix.js'
import { deriveSeed } from '../../math/random.js'
import { classWeights } from '../class-weights.js'
import type { FitNotes } from '../types.js'
import { binData } from './binned-data.js'
import { shouldStop } from './early-stopping.js'
import type { Ensemble } from './ensemble.js'
import { fitEdges } from './fit-edges.js'
import { createGrower } from './grow-tree.js'
import { histogramLayout } from './histogram.js'
import { baselineLogit, meanLogLoss, stepRows } from './log-loss.js'
import { type GradientBoostingParams, usesEarlyStopping } from './params.js'
import { createTreeBuffer } from './tree-buffer.js'
import { addTree, createValidationSet } from './validation-set.js'
import { allRows, stratifiedSplit } from './validation-split.js'

/** scikit-learn's min_hessian_to_split. */
const MIN_HESSIAN_TO_SPLIT = 1e-3

export interface BoostResult {
  readonly ensemble: Ensemble
  readonly notes: FitNotes
}

/**
 * Gradient boosting for binary log-loss on histograms (scikit-learn's
 * `HistGradientBoostingClassifier`, LightGBM): bin once, start from the
 * log-odds of the positive rate, then each iteration fits one tree to the
 * gradients and hessians and adds its shrunken leaf values; with early
 * stopping, a stratified held-out part decides when to stop.
 */
export function fitEnsemble(X: Matrix, y: Uint8Array, params: GradientBoostingParams, seed: number, progress?: (fraction: number) => void): BoostResult {
  const weights = classWeights(y, params.class_weight)
  let split = usesEarlyStopping(params.early_stopping, X.rows) ? stratifiedSplit(y, params.validation_fraction, deriveSeed(seed, 0)) : allRows(X.rows)
  // too few rows to hold any out: train on all of them, without early stopping
  if (split.train.length === X.rows) split = allRows(X.rows)
  const early = split.validation.length > 0
  const edges = fitEdges(X, split.train, params.max_bins, deriveSeed(seed, 1))
  const binned = binData(X, edges)
  const baseline = baselineLogit(y, split.train, weights)
  // training rows follow odds e^raw (see log-loss.ts), held-out rows raw scores
  const odds = new Float64Array(X.rows).fill(Math.exp(baseline))
  const grad = new Float32Array(X.rows)
  const hess = new Float32Array(X.rows)
  const maxLeaves = params.max_leaf_nodes ?? Infinity
  const grower = createGrower({
    binned,
    edges,
    layout: histogramLayout(binned),
    rule: { minSamplesLeaf: params.min_samples_leaf, minHessian: MIN_HESSIAN_TO_SPLIT, l2: params.l2_regularization },
    learningRate: params.learning_rate,
    maxLeaves,
    maxDepth: params.max_depth ?? Infinity,
    levelWise: params.growth === 'depth',
    trainRows: split.train,
  })
  // room for the first trees; the buffer doubles as needed (early stopping often ends well before max_iter)
  const buf = createTreeBuffer(Math.min(params.max_iter, 32) * (Number.isFinite(maxLeaves) ? 2 * maxLeaves - 1 : 64))
  const roots: number[] = []
  const validation = createValidationSet(binned, y, split.validation, baseline)
  const scores = early ? [-meanLogLoss(validation.raw, validation.y, weights)] : []
  let stopped = false
  stepRows(odds, 1, split.train, 0, split.train.length, y, weights, grad, hess)
  // a tree's leaves update their rows' odds and gradients in one pass: the next iteration's input
  const step = (rows: Int32Array, start: number, end: number, value: number): void =>
    stepRows(odds, Math.exp(value), rows, start, end, y, weights, grad, hess)
  for (let iteration = 0; iteration < params.max_iter && !stopped; iteration++) {
    const root = grower.grow(grad, hess, buf)
    progress?.((iteration + 1) / params.max_iter)
    roots.push(root)
    grower.forEachLeaf(buf, root, step)
    if (early) {
      addTree(validation, buf, root)
      scores.push(-meanLogLoss(validation.raw, validation.y, weights))
      stopped = shouldStop(scores, params.n_iter_no_change, params.tol)
    }
  }
  const ensemble: Ensemble = {
    nFeatures: X.cols,
    baseline,
    roots: Int32Array.from(roots),
    feature: buf.feature.slice(0, buf.size),
    threshold: buf.threshold.slice(0, buf.size),
    left: buf.left.slice(0, buf.size),
    value: buf.value.slice(0, buf.size),
    hessian: buf.hessian.slice(0, buf.size),
    count: buf.count.slice(0, buf.size),
  }
  const notes: FitNotes = {
    n_iter: roots.length,
    early_stopping: early,
    stopped_early: stopped,
    training_rows: split.train.length,
    validation_rows: split.validation.length,
    ...(early ? { validation_loss: -(scores[scores.length - 1] as number) } : {}),
  }
  return { ensemble, notes }
}
