/**
 * The six algorithms the bench knows, each with its scikit-learn counterpart.
 * Which of them actually run is decided by the registry (`registry.has(id)`):
 * the rest are skipped with a printed line.
 */
import { ALGORITHM_NAMES, type AlgorithmName } from '../src/detectors/registry.js'
import { TARGETS } from './protocol.js'

export interface BenchAlgorithm {
  readonly id: AlgorithmName
  readonly title: string
  readonly supervised: boolean
  /** The scikit-learn estimator as constructed by bench/sklearn_bench.py (`random_state` = the seed where it has one). */
  readonly sklearn: string
  /** How the scikit-learn score is oriented so that higher = more anomalous. */
  readonly sklearnScore: string
  /** Vigil ÷ scikit-learn training time may not exceed this. */
  readonly maxTrainRatio: number
}

const UNSUPERVISED_SCORE = 'higher = more anomalous'

export const ALGORITHMS: readonly BenchAlgorithm[] = [
  {
    id: 'isolation_forest',
    title: 'Isolation forest',
    supervised: false,
    sklearn: 'IsolationForest(n_estimators=100, max_samples="auto", random_state=seed, n_jobs=1)',
    sklearnScore: `-score_samples(X), ${UNSUPERVISED_SCORE}`,
    maxTrainRatio: TARGETS.maxTrainRatio,
  },
  {
    id: 'one_class_svm',
    title: 'One-class SVM',
    supervised: false,
    sklearn: 'OneClassSVM(kernel="rbf", nu=0.5, gamma="scale")',
    sklearnScore: `-decision_function(X), ${UNSUPERVISED_SCORE}`,
    maxTrainRatio: 1.5,
  },
  {
    id: 'local_outlier_factor',
    title: 'Local outlier factor',
    supervised: false,
    sklearn: 'LocalOutlierFactor(n_neighbors=20, novelty=True, n_jobs=1)',
    sklearnScore: `-score_samples(X), ${UNSUPERVISED_SCORE}`,
    maxTrainRatio: 1.5,
  },
  {
    id: 'random_forest',
    title: 'Random forest',
    supervised: true,
    sklearn: 'RandomForestClassifier(n_estimators=100, random_state=seed, n_jobs=1)',
    sklearnScore: 'predict_proba(X)[:, 1]',
    maxTrainRatio: TARGETS.maxTrainRatio,
  },
  {
    id: 'logistic_regression',
    title: 'Logistic regression',
    supervised: true,
    sklearn: 'LogisticRegression() (lbfgs, C=1, max_iter=100)',
    sklearnScore: 'predict_proba(X)[:, 1]',
    maxTrainRatio: TARGETS.maxTrainRatio,
  },
  {
    id: 'gradient_boosting',
    title: 'Gradient boosting',
    supervised: true,
    sklearn: 'HistGradientBoostingClassifier(random_state=seed)',
    sklearnScore: 'predict_proba(X)[:, 1]',
    maxTrainRatio: TARGETS.maxTrainRatio,
  },
]

// every id of the API contract has an entry above, and nothing else
if (ALGORITHMS.length !== ALGORITHM_NAMES.length || !ALGORITHM_NAMES.every((id) => ALGORITHMS.some((a) => a.id === id))) {
  throw new Error(`bench/algorithms.ts is out of step with ALGORITHM_NAMES (${ALGORITHM_NAMES.join(', ')})`)
}

export function algorithmById(id: string): BenchAlgorithm | undefined {
  return ALGORITHMS.find((a) => a.id === id)
}
