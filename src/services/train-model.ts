import { APP_VERSION } from '../app-version.js'
import { calibrate } from '../detectors/calibration.js'
import { InvalidInputError } from '../errors.js'
import { fitFeatureSpec } from '../features/fit-feature-spec.js'
import { transformColumns } from '../features/transform-columns.js'
import { readNumericColumns, readTextColumn } from '../ingest/read-columns.js'
import type { TrainingStats, VersionRecord } from '../store/model-records.js'
import { evaluate } from './evaluate.js'
import { parseLabels } from './read-labels.js'
import { selectFeatures } from './select-features.js'
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
  const features = selectFeatures(manifest, spec)
  const file = s.datasets.dataFile(datasetId)
  const { columns, labelText } = await s.duckdb.withConnection(async (conn) => ({
    columns: await readNumericColumns(conn, file, features),
    labelText: spec.label_column === undefined ? undefined : await readTextColumn(conn, file, spec.label_column),
  }))
  const labels = labelText === undefined || spec.label_column === undefined ? undefined : parseLabels(spec.label_column, labelText)
  if (labels && plugin.supervised && new Set(labels).size < 2) {
    throw new InvalidInputError(`label_column '${spec.label_column}' has only one class; ${plugin.id} needs both 0 and 1 rows`, {
      field: 'label_column',
      value: spec.label_column,
    })
  }
  const featureSpec = fitFeatureSpec(features, columns)
  const { X, imputed } = transformColumns(featureSpec, columns)
  const fitted = await plugin.fit({ X, featureNames: features, seed: spec.random_state, ...(plugin.supervised && labels ? { y: labels } : {}) }, params)
  const scores = fitted.score(X)
  const calibration = calibrate(scores, spec.contamination)
  let anomalyCount = 0
  for (const score of scores) if (score > calibration.threshold) anomalyCount++
  const trainingStats: TrainingStats = {
    n_samples: X.rows,
    n_features: X.cols,
    anomaly_count: anomalyCount,
    anomaly_rate: anomalyCount / X.rows,
    threshold: calibration.threshold,
    score_mean: calibration.mean,
    score_std: calibration.std,
    score_min: calibration.min,
    score_max: calibration.max,
    training_time_ms: performance.now() - started,
    imputed_values: imputed,
    ...(labels ? { evaluation: evaluate(scores, labels, calibration.threshold) } : {}),
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
      feature_columns: features,
      label_column: spec.label_column ?? null,
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
  }))
}
