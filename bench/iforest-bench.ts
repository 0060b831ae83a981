/** Isolation forest: Vigil's plugin against `sklearn.ensemble.IsolationForest`. */
import { isolationForest } from '../src/detectors/isolation-forest/index.js'
import type { IsolationForestParams } from '../src/detectors/isolation-forest/params.js'
import type { BenchCase } from './bench-case.js'

const params: IsolationForestParams = { n_estimators: 100, max_samples: 'auto', max_features: 1, bootstrap: false }

export const iforestCase: BenchCase = {
  id: 'iforest',
  title: 'Isolation forest',
  protocol:
    "Vigil `isolation_forest` {n_estimators: 100, max_samples: 'auto', max_features: 1, bootstrap: false} vs scikit-learn " +
    "`IsolationForest(n_estimators=100, max_samples='auto', random_state=seed)`, score = `-score_samples(X)`; max_samples 'auto' = min(256, rows).",
  vigil: (X, seed) => {
    const featureNames = Array.from({ length: X.cols }, (_, j) => `f${j + 1}`)
    return isolationForest.fit({ X, featureNames, seed }, params)
  },
  sklearn: { model: 'iforest', params: { n_estimators: 100, max_samples: 'auto' } },
}
