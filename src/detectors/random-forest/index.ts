import type { DetectorPlugin, Fitted } from '../types.js'
import { fitForest } from './fit-forest.js'
import type { Forest } from './forest.js'
import { forestNotes } from './forest-notes.js'
import { decodeForest, encodeForest, type RandomForestState } from './forest-state.js'
import { featuresPerSplit, RandomForestParams } from './params.js'
import { forestExplainer } from './explain-forest.js'
import { scoreForest } from './score-forest.js'

export type { RandomForestState } from './forest-state.js'

function fitted(forest: Forest, params: RandomForestParams): Fitted<RandomForestState> {
  return {
    score: (X) => scoreForest(forest, X),
    explain: forestExplainer(forest),
    toJSON: () => encodeForest(forest),
    notes: forestNotes(forest, featuresPerSplit(params.max_features, forest.nFeatures)),
  }
}

/** Supervised random forest (scikit-learn's `RandomForestClassifier` with histogram splits); scores are P(anomaly). */
export const randomForest: DetectorPlugin<typeof RandomForestParams, RandomForestState> = {
  id: 'random_forest',
  title: 'Random forest',
  description:
    'Breiman (2001): bootstrap-sampled decision trees with random feature subsets, Gini splits searched on histograms of binned features. Needs labels; scores are P(anomaly), the mean of the leaves\' class-1 fractions. Strong on known anomaly types, blind to new ones.',
  supervised: true,
  params: RandomForestParams,
  stateVersion: 1,
  async fit(train, params) {
    // the registry guarantees labels for supervised plugins; this guards direct calls
    if (!train.y) throw new TypeError('random_forest needs labels (train.y)')
    return fitted(fitForest(train.X, train.y, params, train.seed, undefined, train.progress), params)
  },
  fromJSON(state, params) {
    return fitted(decodeForest(state), params)
  },
}
