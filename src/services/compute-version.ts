import { APP_VERSION } from '../app-version.js'
import { calibrate } from '../detectors/calibration.js'
import { registry } from '../detectors/registry.js'
import { InvalidInputError } from '../errors.js'
import { Value } from 'typebox/value'
import { chooseThreshold } from '../evaluation/choose-threshold.js'
import { evaluationReport } from '../evaluation/evaluation-report.js'
import { evaluationSummary } from '../evaluation/evaluation-summary.js'
import { resolveThresholdOptions, ThresholdOptions } from '../evaluation/threshold-options.js'
import { validationSplit } from '../evaluation/validation-split.js'
import { fitPipeline } from '../features/fit-pipeline.js'
import type { DuckDb } from '../ingest/duckdb.js'
import { readTextColumn } from '../ingest/read-columns.js'
import { readFrame } from '../ingest/read-frame.js'
import { selectRows } from '../math/matrix.js'
import { encodeArray } from '../math/typed-array-codec.js'
import type { TrainingStats, VersionRecord } from '../store/model-records.js'
import { parseLabels } from './read-labels.js'
import type { TrainTask } from './train-model.js'
import { trainingScores } from './training-scores.js'

/** A version computed but not yet stored: its record without the parts the committing thread adds, and its files as text. */
export interface ComputedVersion {
  readonly record: Omit<VersionRecord, 'model_id' | 'version' | 'parent' | 'created_at'>
  readonly stateJson: string
  readonly evaluationJson?: string | undefined
}

/** Reports a named stage and the overall progress (0..1) of a training. */
export type ReportProgress = (stage: TrainingStage, progress: number) => void

export type TrainingStage = 'reading dataset' | 'fitting features' | 'fitting model' | 'scoring' | 'evaluating' | 'saving'

/** Where each stage starts on the 0..1 progress scale; fitting the model spans most of it. */
export const STAGE_START: Readonly<Record<TrainingStage, number>> = {
  'reading dataset': 0.02,
  'fitting features': 0.12,
  'fitting model': 0.2,
  scoring: 0.85,
  evaluating: 0.92,
  saving: 0.96,
}

/**
 * The heavy half of training, run in a worker thread: read the planned columns
 * through DuckDB, fit the feature pipeline and the detector, calibrate the
 * threshold, evaluate against labels, and serialise the state, so the thread
 * that stores the version never touches the model's size.
 */
export async function computeVersion(task: TrainTask, duckdb: DuckDb, report: ReportProgress): Promise<ComputedVersion> {
  const started = performance.now()
  const { spec, manifest, params, config, plan } = task
  const plugin = registry.get(spec.algorithm)
  report('reading dataset', STAGE_START['reading dataset'])
  const { frame, labelText } = await duckdb.withConnection(async (conn) => ({
    frame: await readFrame(conn, task.dataFile, task.columns, manifest.rows),
    labelText: spec.label_column === undefined ? undefined : await readTextColumn(conn, task.dataFile, spec.label_column),
  }))
  const labels = labelText === undefined || spec.label_column === undefined ? undefined : parseLabels(spec.label_column, labelText)
  if (labels && plugin.supervised && new Set(labels).size < 2) {
    throw new InvalidInputError(`label_column '${spec.label_column}' has only one class; ${plugin.id} needs both 0 and 1 rows`, {
      field: 'label_column',
      value: spec.label_column,
    })
  }
  report('fitting features', STAGE_START['fitting features'])
  const standardize = config === false ? false : config.standardize === 'auto' ? plugin.standardize === true : config.standardize
  const { spec: featureSpec, X, imputed } = fitPipeline(frame, plan, config, standardize)
  const featureNames = featureSpec.outputs.map((o) => o.name)
  const thresholdOptions = Value.Default(ThresholdOptions, structuredClone(spec.threshold ?? {})) as ThresholdOptions
  // with labels, a held-out split chooses and judges the threshold; the model never sees it
  const timeColumn = featureSpec.timestamp_column ? frame.columns.get(featureSpec.timestamp_column) : undefined
  const split = labels ? validationSplit(labels, thresholdOptions.validation_fraction, spec.random_state, timeColumn && timeColumn.kind !== 'string' ? timeColumn.values : undefined) : undefined
  const Xfit = split ? selectRows(X, split.train) : X
  const yfit = labels && split ? pick(labels, split.train) : labels
  const refit = split !== undefined && (thresholdOptions.refit === 'auto' ? plugin.supervised : thresholdOptions.refit)
  const fit = async (rows: typeof X, y: Uint8Array | undefined, from: number, to: number) => {
    report('fitting model', from)
    const progress = (fraction: number): void => report('fitting model', from + (to - from) * Math.min(1, Math.max(0, fraction)))
    return plugin.fit({ X: rows, featureNames, seed: spec.random_state, progress, ...(plugin.supervised && y ? { y } : {}) }, params)
  }
  const fitStart = STAGE_START['fitting model']
  const fitMiddle = refit ? fitStart + 0.4 * (STAGE_START.scoring - fitStart) : STAGE_START.scoring
  const heldOutModel = await fit(Xfit, yfit, fitStart, fitMiddle)
  // the held-out rows are scored by the model that never saw them: they choose and judge the threshold
  const validation = labels && split ? { scores: heldOutModel.score(selectRows(X, split.validation)), labels: pick(labels, split.validation) } : undefined
  const fitted = refit ? await fit(X, labels, fitMiddle, STAGE_START.scoring) : heldOutModel
  const servedRows = refit ? X : Xfit
  report('scoring', STAGE_START.scoring)
  const scoringSpan = STAGE_START.evaluating - STAGE_START.scoring
  const scores = trainingScores(fitted, servedRows, spec.random_state, (f) => report('scoring', STAGE_START.scoring + scoringSpan * f))
  const baseline = calibrate(scores, spec.contamination)
  report('evaluating', STAGE_START.evaluating)
  // options are stored as asked: a retrain with another algorithm resolves the default again
  const choice = chooseThreshold(resolveThresholdOptions(thresholdOptions, plugin.supervised), { train: scores, baseline: baseline.threshold, validation })
  const calibration = { ...baseline, threshold: choice.threshold }
  const evaluation =
    validation && split
      ? evaluationReport(validation.scores, validation.labels, `${split.method}, ${validation.labels.length} of ${X.rows} rows held out${refit ? `; the served model was then refitted on all ${X.rows} rows` : ''}`, {
          chosen: { name: choice.name, threshold: choice.threshold },
          baseline: baseline.threshold,
          recommended: choice.recommended ?? undefined,
        })
      : undefined
  let flagged = 0
  for (const score of scores) if (score > calibration.threshold) flagged++
  const anomalyRate = flagged / scores.length
  report('saving', STAGE_START.saving)
  const state = { format_version: 1, kind: plugin.id, state_version: plugin.stateVersion, calibration, feature_spec: featureSpec, state: fitted.toJSON() }
  const trainingStats: TrainingStats = {
    n_samples: servedRows.rows,
    n_features: X.cols,
    anomaly_count: Math.round(anomalyRate * servedRows.rows),
    anomaly_rate: anomalyRate,
    threshold: calibration.threshold,
    threshold_method: choice.name,
    baseline_threshold: baseline.threshold,
    score_mean: calibration.mean,
    score_std: calibration.std,
    score_min: calibration.min,
    score_max: calibration.max,
    training_time_ms: performance.now() - started,
    imputed_values: imputed,
    ...(evaluation && validation ? { evaluation: evaluationSummary(evaluation) } : {}),
    ...(fitted.notes ? { fit_notes: fitted.notes } : {}),
  }
  return {
    record: {
      algorithm: plugin.id,
      state_version: plugin.stateVersion,
      params,
      contamination: spec.contamination,
      random_state: spec.random_state,
      target_column: spec.target_column ?? null,
      feature_columns: plan.numeric.concat(plan.categorical).filter((c) => featureSpec.inputs.some((i) => i.name === c)),
      label_column: spec.label_column ?? null,
      threshold_options: thresholdOptions,
      features: {
        config,
        timestamp_column: featureSpec.timestamp_column,
        series_column: featureSpec.series_column,
        engineered: featureNames,
        standardized: featureSpec.scale !== null,
        history_length: featureSpec.history_length,
        dropped: [...featureSpec.selection],
      },
      dataset: {
        dataset_id: manifest.dataset_id,
        sha256: manifest.sha256,
        rows: manifest.rows,
        ...(manifest.source_dataset_ids ? { source_dataset_ids: manifest.source_dataset_ids } : {}),
      },
      training_stats: trainingStats,
      app_version: APP_VERSION,
    },
    stateJson: JSON.stringify(state),
    evaluationJson:
      evaluation && validation
        ? JSON.stringify({ report: evaluation, validation: { scores: encodeArray(validation.scores), labels: encodeArray(validation.labels) } })
        : undefined,
  }
}

function pick(labels: Uint8Array, rows: Int32Array): Uint8Array {
  return Uint8Array.from(rows, (i) => labels[i] as number)
}
