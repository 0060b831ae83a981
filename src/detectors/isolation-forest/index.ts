import { namedExplainer } from '../../explain/named-explainer.js'
import { decodeArray, encodeArray, type EncodedArray } from '../../math/typed-array-codec.js'
import type { DetectorPlugin, Fitted } from '../types.js'
import { explainForest } from './explain-forest.js'
import { fitForest } from './fit-forest.js'
import type { Forest } from './forest.js'
import { IsolationForestParams } from './params.js'
import { scoreForest } from './score-forest.js'

/** The stored form of a trained isolation forest. */
export interface IsolationForestState {
  readonly trees: number
  readonly maxSamples: number
  readonly nFeatures: number
  readonly roots: EncodedArray
  readonly feature: EncodedArray
  readonly value: EncodedArray
  readonly left: EncodedArray
}

function fitted(forest: Forest): Fitted<IsolationForestState> {
  return {
    score: (X) => scoreForest(forest, X),
    explain: namedExplainer((X, row) => explainForest(forest, X, row), () => 'path_depth'),
    toJSON: () => ({
      trees: forest.trees,
      maxSamples: forest.maxSamples,
      nFeatures: forest.nFeatures,
      roots: encodeArray(forest.roots),
      feature: encodeArray(forest.feature),
      value: encodeArray(forest.value),
      left: encodeArray(forest.left),
    }),
    notes: { max_samples_effective: forest.maxSamples },
  }
}

export const isolationForest: DetectorPlugin<typeof IsolationForestParams, IsolationForestState> = {
  id: 'isolation_forest',
  title: 'Isolation forest',
  description:
    'Liu, Ting & Zhou (2008): random axis-parallel splits isolate anomalies in fewer steps. Fast, memory-light, no distance metric; a strong default for tabular data.',
  supervised: false,
  params: IsolationForestParams,
  stateVersion: 1,
  async fit(train, params) {
    return fitted(fitForest(train.X, params, train.seed, train.progress))
  },
  fromJSON(state) {
    const forest: Forest = {
      trees: state.trees,
      maxSamples: state.maxSamples,
      nFeatures: state.nFeatures,
      roots: decodeArray(state.roots, 'int32'),
      feature: decodeArray(state.feature, 'int32'),
      value: decodeArray(state.value, 'float64'),
      left: decodeArray(state.left, 'int32'),
    }
    if (forest.roots.length !== forest.trees) throw new RangeError(`stored forest lists ${forest.roots.length} roots for ${forest.trees} trees`)
    return fitted(forest)
  },
}
