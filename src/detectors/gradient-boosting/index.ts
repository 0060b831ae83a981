import { decodeArray, encodeArray, type EncodedArray } from '../../math/typed-array-codec.js'
import type { DetectorPlugin, FitNotes, Fitted } from '../types.js'
import { fitEnsemble } from './boost.js'
import { checkEnsemble } from './check-ensemble.js'
import type { Ensemble } from './ensemble.js'
import { GradientBoostingParams } from './params.js'
import { ensembleExplainer } from './explain-ensemble.js'
import { scoreEnsemble } from './score-ensemble.js'

/** The stored form of a trained ensemble (see `Ensemble` for the meaning of each array). */
export interface GradientBoostingState {
  readonly nFeatures: number
  readonly baseline: number
  readonly roots: EncodedArray
  readonly feature: EncodedArray
  readonly threshold: EncodedArray
  readonly left: EncodedArray
  readonly value: EncodedArray
  readonly hessian: EncodedArray
  readonly count: EncodedArray
}

/** The typed arrays of a stored ensemble (checked separately by `checkEnsemble`). */
export function decodeEnsemble(state: GradientBoostingState): Ensemble {
  return {
    nFeatures: state.nFeatures,
    baseline: state.baseline,
    roots: decodeArray(state.roots, 'int32'),
    feature: decodeArray(state.feature, 'int32'),
    threshold: decodeArray(state.threshold, 'float64'),
    left: decodeArray(state.left, 'int32'),
    value: decodeArray(state.value, 'float64'),
    hessian: decodeArray(state.hessian, 'float64'),
    count: decodeArray(state.count, 'int32'),
  }
}

function fitted(ensemble: Ensemble, notes: FitNotes): Fitted<GradientBoostingState> {
  return {
    score: (X) => scoreEnsemble(ensemble, X),
    explain: ensembleExplainer(ensemble),
    toJSON: () => ({
      nFeatures: ensemble.nFeatures,
      baseline: ensemble.baseline,
      roots: encodeArray(ensemble.roots),
      feature: encodeArray(ensemble.feature),
      threshold: encodeArray(ensemble.threshold),
      left: encodeArray(ensemble.left),
      value: encodeArray(ensemble.value),
      hessian: encodeArray(ensemble.hessian),
      count: encodeArray(ensemble.count),
    }),
    notes,
  }
}

/**
 * Histogram-based gradient boosting on binary log-loss, scikit-learn's
 * `HistGradientBoostingClassifier` on typed arrays (same splits and
 * probabilities to rounding on the same bins). The seed draws only the
 * early-stopping validation split and, above 200,000 rows, the rows that
 * place the bin edges; without those, training is deterministic, as in
 * scikit-learn.
 */
export const gradientBoosting: DetectorPlugin<typeof GradientBoostingParams, GradientBoostingState> = {
  id: 'gradient_boosting',
  title: 'Gradient boosting',
  description:
    'Supervised: histogram-based gradient-boosted trees on log-loss (scikit-learn HistGradientBoostingClassifier, LightGBM). Needs labels; scores are P(anomaly). Usually the most accurate choice when labelled anomalies exist.',
  supervised: true,
  params: GradientBoostingParams,
  stateVersion: 1,
  async fit(train, params) {
    const y = train.y
    if (!y) throw new TypeError('gradient_boosting is supervised: the training set needs labels')
    const { ensemble, notes } = fitEnsemble(train.X, y, params, train.seed, train.progress)
    return fitted(ensemble, notes)
  },
  fromJSON(state) {
    const ensemble = decodeEnsemble(state)
    checkEnsemble(ensemble)
    return fitted(ensemble, { n_iter: ensemble.roots.length })
  },
}
