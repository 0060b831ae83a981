/**
 * The detector plugin contract: everything an algorithm provides, and no
 * more. No Fastify, no file system. Thresholds, probabilities and labels are
 * computed by shared code (`calibration.ts`), never inside a plugin.
 */
import type { Static, TSchema } from 'typebox'
import type { Matrix } from '../math/matrix.js'

export interface TrainSet {
  /** Training rows, already numeric, finite and in `featureNames` order. */
  readonly X: Matrix
  readonly featureNames: readonly string[]
  /** 1 = anomaly. Present for supervised plugins; unsupervised plugins ignore it. */
  readonly y?: Uint8Array
  /** Every random draw derives from this. */
  readonly seed: number
  /** Called as the fit advances (0..1), e.g. once per tree or boosting iteration; for progress reports only. */
  readonly progress?: (fraction: number) => void
}

/** What a fit reports besides the model (e.g. a subsample that was applied). */
export interface FitNotes {
  readonly [key: string]: string | number | boolean
}

/**
 * A `Fitted.explain` that also names how it attributes (reported as the
 * prediction's `contribution_method`, e.g. 'tree_shap' or 'saabas'). Read
 * `method` after a call: it may be decided when the first row is explained.
 */
export interface NamedExplainer {
  (X: Matrix, row: number): Float64Array
  readonly method: string
}

/** A trained model. Immutable: scoring never mutates it. */
export interface Fitted<State> {
  /** Raw anomaly scores, one per row; higher = more anomalous. */
  score(X: Matrix): Float64Array
  /**
   * Optional per-feature attribution of row `row`'s score (one value per
   * column of X, in the score's units: e.g. TreeSHAP values that sum to the
   * score minus the expected score). Without it, shared code explains the row
   * by robust z-scores.
   */
  explain?(X: Matrix, row: number): Float64Array
  /**
   * Scores of the training rows as the fit saw them, when the fit computes
   * them anyway and they differ from scoring the rows again: LOF's exclude
   * each row from its own neighbours (scikit-learn's `negative_outlier_factor_`),
   * where `score` would find the row itself at distance 0. Calibration uses
   * them instead of scoring the training rows.
   */
  readonly trainingScores?: Float64Array
  /** Plain-JSON state that the plugin's `fromJSON` rebuilds exactly. */
  toJSON(): State
  /** Facts about the fit worth reporting to the user. */
  readonly notes?: FitNotes
}

export interface DetectorPlugin<P extends TSchema = TSchema, State = unknown> {
  /** Registry key, the `algorithm` field of the API, and the JSON discriminator. */
  readonly id: string
  readonly title: string
  readonly description: string
  /** Supervised plugins need labels (`TrainSet.y`) and score P(anomaly). */
  readonly supervised: boolean
  /**
   * Distance- and margin-based methods (LOF, one-class SVM, logistic
   * regression) want standardised inputs: with `features.standardize: 'auto'`
   * the feature pipeline provides them. Trees leave this unset.
   */
  readonly standardize?: boolean
  /** TypeBox schema of the parameters, with defaults: validation, docs and OpenAPI from one object. */
  readonly params: P
  /** Bumped whenever the shape of `State` changes; stored models of another version are refused. */
  readonly stateVersion: number
  fit(train: TrainSet, params: Static<P>): Promise<Fitted<State>>
  fromJSON(state: State, params: Static<P>): Fitted<State>
}
