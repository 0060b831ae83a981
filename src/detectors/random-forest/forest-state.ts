import { decodeArray, encodeArray, type EncodedArray } from '../../math/typed-array-codec.js'
import type { Forest } from './forest.js'

/** The stored form of a trained random forest (typed arrays as base64, see `Forest`). */
export interface RandomForestState {
  readonly trees: number
  readonly nFeatures: number
  readonly roots: EncodedArray
  readonly feature: EncodedArray
  readonly right: EncodedArray
  readonly value: EncodedArray
  readonly cover: EncodedArray
  readonly edgeStart: EncodedArray
  readonly edges: EncodedArray
}

export function encodeForest(forest: Forest): RandomForestState {
  return {
    trees: forest.trees,
    nFeatures: forest.nFeatures,
    roots: encodeArray(forest.roots),
    feature: encodeArray(forest.feature),
    right: encodeArray(forest.right),
    value: encodeArray(forest.value),
    cover: encodeArray(forest.cover),
    edgeStart: encodeArray(forest.edgeStart),
    edges: encodeArray(forest.edges),
  }
}

/** Rebuild a forest, refusing stored arrays that do not describe valid trees (so scoring can never walk out of bounds). */
export function decodeForest(state: RandomForestState): Forest {
  const forest: Forest = {
    trees: state.trees,
    nFeatures: state.nFeatures,
    roots: decodeArray(state.roots, 'int32'),
    feature: decodeArray(state.feature, 'int32'),
    right: decodeArray(state.right, 'int32'),
    value: decodeArray(state.value, 'float64'),
    cover: decodeArray(state.cover, 'float64'),
    edgeStart: decodeArray(state.edgeStart, 'int32'),
    edges: decodeArray(state.edges, 'float64'),
  }
  const nodes = forest.feature.length
  if (forest.roots.length !== forest.trees) throw new RangeError(`stored forest lists ${forest.roots.length} roots for ${forest.trees} trees`)
  if (forest.right.length !== nodes || forest.value.length !== nodes || forest.cover.length !== nodes) {
    throw new RangeError('stored forest has node arrays of different lengths')
  }
  if (forest.edgeStart.length !== forest.nFeatures + 1) throw new RangeError(`stored forest has bin edges for ${forest.edgeStart.length - 1} features, expected ${forest.nFeatures}`)
  for (const r of forest.roots) if (r < 0 || r >= nodes) throw new RangeError(`stored forest has a root ${r} outside its ${nodes} nodes`)
  for (let i = 0; i < nodes; i++) {
    const f = forest.feature[i] as number
    // children always come after their parent (left at i + 1), so every walk ends at a leaf
    if (f >= 0 && (f >= forest.nFeatures || (forest.right[i] as number) <= i + 1 || (forest.right[i] as number) >= nodes)) {
      throw new RangeError(`stored forest node ${i} has an invalid split`)
    }
  }
  return forest
}
