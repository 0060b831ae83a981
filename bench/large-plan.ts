/** Which algorithms `npm run bench:large` runs, and which of them scikit-learn may run too (`--sklearn`). */
import type { AlgorithmName } from '../src/detectors/registry.js'

/** Fitted on all rows: training time and memory. */
export const LARGE_TRAINED: readonly AlgorithmName[] = ['isolation_forest', 'logistic_regression', 'random_forest', 'gradient_boosting']

/** Fitted on the same rows to show their `max_samples` cap bounds training. */
export const LARGE_CAPPED: readonly AlgorithmName[] = ['local_outlier_factor', 'one_class_svm']

/** scikit-learn on a million rows is practical for these only (IsolationForest, LogisticRegression, HistGradientBoostingClassifier). */
export const LARGE_SKLEARN: readonly AlgorithmName[] = ['isolation_forest', 'logistic_regression', 'gradient_boosting']
