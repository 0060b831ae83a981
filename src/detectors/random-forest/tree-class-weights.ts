import { classWeights } from '../class-weights.js'
import type { RandomForestParams } from './params.js'

/**
 * Per-class weights [w0, w1] for one tree. null and 'balanced' are fixed for
 * the forest (`forestWeights`); 'balanced_subsample' recomputes scikit-learn's
 * n / (2 x class count) on the tree's bootstrap draws (duplicates counted), so
 * each tree sees its own sample balanced.
 */
export function treeClassWeights(
  mode: RandomForestParams['class_weight'],
  forestWeights: readonly [number, number],
  y: Uint8Array,
  counts: Int32Array,
): readonly [number, number] {
  if (mode !== 'balanced_subsample') return forestWeights
  let k0 = 0
  let k1 = 0
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number
    if (y[i] === 1) k1 += c
    else k0 += c
  }
  const total = k0 + k1
  // a class absent from the sample has no rows to weigh; 0 avoids a division by zero
  return [k0 > 0 ? total / (2 * k0) : 0, k1 > 0 ? total / (2 * k1) : 0]
}

/** The weights shared by every tree: equal, or 'balanced' on all training labels. */
export function forestClassWeights(mode: RandomForestParams['class_weight'], y: Uint8Array): readonly [number, number] {
  return mode === 'balanced' ? classWeights(y, 'balanced') : [1, 1]
}
