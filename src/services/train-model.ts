import { APP_VERSION } from '../app-version.js'
import { calibrate } from '../detectors/calibration.js'
import { InvalidInputError } from '../errors.js'
import { Value } from 'typebox/value'
import { FeatureConfig } from '../features/feature-config.js'
import { fitPipeline } from '../features/fit-pipeline.js'
import { planInputs, type InputPlan } from '../features/plan-inputs.js'
import { readTextColumn } from '../ingest/read-columns.js'
import { readFrame, type FrameColumn } from '../ingest/read-frame.js'
import type { DatasetManifest } from '../store/dataset-manifest.js'
import type { TrainingStats, VersionRecord } from '../store/model-records.js'
import { chooseThreshold } from '../evaluation/choose-threshold.js'
import { evaluationReport } from '../evaluation/evaluation-report.js'
import { evaluationSummary } from '../evaluation/evaluation-summary.js'
import { ThresholdOptions } from '../evaluation/threshold-options.js'
import { validationSplit } from '../evaluation/validation-split.js'
import { selectRows } from '../math/matrix.js'
import { createRng } from '../math/random.js'
import { encodeArray } from '../math/typed-array-codec.js'
import { parseLabels } from './read-labels.js'
import type { Services } from './services.js'
import { validateParams } from './validate-params.js'

/** A complete, defaulted training request (what a version is reproducible from). */
export interface TrainSpec {
  readonly algorithm: string
  readonly contamination: number
  readonly target_column?: string | undefined
  readonly feature_columns?: readonly string[] | undefined
  readonly label_column?: string | undefined
  readonly params?: Readonly<Record<string, unknown>> | undefined
  readonly random_state: number
  /** Feature engineering settings (defaults when omitted), or false for none. */
  readonly features?: Partial<FeatureConfig> | false | undefined
  /** How the applied threshold is chosen (contamination quantile by default). */
  readonly threshold?: Partial<ThresholdOptions> | undefined
}

export interface TrainTarget {
  readonly modelId: string
  readonly parent: VersionRecord['parent']
}

/** Read a dataset, fit features and the detector, calibrate, evaluate, and store a new version. */
export async function trainModel(s: Services, datasetId: string, spec: TrainSpec, target: TrainTarget): Promise<VersionRecord> {
  const started = performance.now()
  const manifest = await s.datasets.get(datasetId)
  const plugin = s.registry.get(spec.algorithm)
  const params = validateParams(plugin, spec.params)
  if (plugin.supervised && spec.label_column === undefined) {
    throw new InvalidInputError(`${plugin.id} is supervised: give label_column, the column holding 0/1 anomaly labels`, {
      field: 'label_column',
      value: null,
    })
  }
  const config = spec.features === false ? false : (Value.Default(FeatureConfig, structuredClone(spec.features ?? {})) as FeatureConfig)
  const plan = planInputs(manifest, spec, config)
  const file = s.datasets.dataFile(datasetId)
  const { frame, labelText } = await s.duckdb.withConnection(async (conn) => ({
    frame: await readFrame(conn, file, frameColumns(manifest, plan), manifest.rows),
    labelText: spec.label_column === undefined ? undefined : await readTextColumn(conn, file, spec.label_column),
  }))
  const labels = labelText === undefined || spec.label_column === undefined ? undefined : parseLabels(spec.label_column, labelText)
  if (labels && plugin.supervised && new Set(labels).size < 2) {
    throw new InvalidInputError(`label_column '${spec.label_column}' has only one class; ${plugin.id} needs both 0 and 1 rows`, {
      field: 'label_column',
      value: spec.label_column,
    })
  }
  const standardize = config === false ? false : config.standardize === 'auto' ? plugin.standardize === true : config.standardize
  const { spec: featureSpec, X, imputed } = fitPipeline(frame, plan, config, standardize)
  const featureNames = featureSpec.outputs.map((o) => o.name)
  const thresholdOptions = Value.Default(ThresholdOptions, structuredClone(spec.threshold ?? {})) as ThresholdOptions
  // with labels, a held-out split chooses and judges the threshold; the model never sees it
  const timeColumn = featureSpec.timestamp_column ? frame.columns.get(featureSpec.timestamp_column) : undefined
  const split = labels ? validationSplit(labels, thresholdOptions.validation_fraction, spec.random_state, timeColumn && timeColumn.kind !== 'string' ? timeColumn.values : undefined) : undefined
  const Xfit = split ? selectRows(X, split.train) : X
  const yfit = labels && split ? pick(labels, split.train) : labels
  const fitted = await plugin.fit({ X: Xfit, featureNames, seed: spec.random_state, ...(plugin.supervised && yfit ? { y: yfit } : {}) }, params)
  // the threshold comes from the training score distribution; past 200k rows a seeded sample
  // of them describes it as well, and keeps neighbour-based algorithms' training bounded
  const calibrationRows = Xfit.rows > CALIBRATION_ROWS ? sampleRows(Xfit.rows, CALIBRATION_ROWS, spec.random_state) : undefined
  const scores = fitted.score(calibrationRows ? selectRows(Xfit, calibrationRows) : Xfit)
  const baseline = calibrate(scores, spec.contamination)
  const validation = labels && split ? { scores: fitted.score(selectRows(X, split.validation)), labels: pick(labels, split.validation) } : undefined
  const choice = chooseThreshold(thresholdOptions, { train: scores, baseline: baseline.threshold, validation })
  const calibration = { ...baseline, threshold: choice.threshold }
  const report =
    validation && split
      ? evaluationReport(validation.scores, validation.labels, `${split.method}, ${validation.labels.length} of ${X.rows} rows held out`, {
          chosen: { name: choice.name, threshold: choice.threshold },
          baseline: baseline.threshold,
          recommended: choice.recommended ?? undefined,
        })
      : undefined
  let flagged = 0
  for (const score of scores) if (score > calibration.threshold) flagged++
  const anomalyRate = flagged / scores.length
  const trainingStats: TrainingStats = {
    n_samples: Xfit.rows,
    n_features: X.cols,
    anomaly_count: Math.round(anomalyRate * Xfit.rows),
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
    ...(report && validation ? { evaluation: evaluationSummary(report) } : {}),
    ...(fitted.notes ? { fit_notes: fitted.notes } : {}),
  }
  const state = fitted.toJSON()
  return s.models.createVersion(target.modelId, (version) => ({
    record: {
      model_id: target.modelId,
      version,
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
      parent: target.parent,
      training_stats: trainingStats,
      created_at: new Date().toISOString(),
      app_version: APP_VERSION,
    },
    state: { format_version: 1, kind: plugin.id, state_version: plugin.stateVersion, calibration, feature_spec: featureSpec, state },
    evaluation: report && validation ? { report, validation: { scores: encodeArray(validation.scores), labels: encodeArray(validation.labels) } } : undefined,
  }))
}

/** How each chosen column is read from the stored dataset. */
function frameColumns(manifest: DatasetManifest, plan: InputPlan): FrameColumn[] {
  const kindOf = new Map(manifest.columns.map((c) => [c.name, c.kind]))
  const column = (name: string, as: FrameColumn['as']): FrameColumn => ({ name, as, source: kindOf.get(name) ?? 'other' })
  return [
    ...plan.numeric.map((n) => column(n, 'numeric')),
    ...plan.categorical.map((n) => column(n, 'string')),
    ...(plan.timestamp ? [column(plan.timestamp, 'temporal')] : []),
    ...(plan.series && !plan.categorical.includes(plan.series) ? [column(plan.series, 'string')] : []),
  ]
}

/** Training rows scored to set the threshold, at most (a seeded sample beyond it). */
const CALIBRATION_ROWS = 200_000

function sampleRows(n: number, k: number, seed: number): Int32Array {
  const rng = createRng(seed ^ 0x5bd1e995)
  const rows = Int32Array.from({ length: n }, (_, i) => i)
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i)
    const t = rows[i] as number
    rows[i] = rows[j] as number
    rows[j] = t
  }
  return rows.slice(0, k).sort()
}

function pick(labels: Uint8Array, rows: Int32Array): Uint8Array {
  return Uint8Array.from(rows, (i) => labels[i] as number)
}
