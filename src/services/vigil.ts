import type { Readable } from 'node:stream'
import { Value } from 'typebox/value'
import { APP_VERSION } from '../app-version.js'
import { TrainBody } from '../schemas/train.js'
import { ALGORITHM_NAMES } from '../detectors/registry.js'
import { InvalidInputError, NotFoundError } from '../errors.js'
import type { DatasetManifest } from '../store/dataset-manifest.js'
import { assertId, newId } from '../store/ids.js'
import type { Aliases, VersionRecord } from '../store/model-records.js'
import { changeThreshold, type ThresholdChangeRequest } from './change-threshold.js'
import { combineDatasets } from './combine-datasets.js'
import { combineBase, retrainData } from './training-data.js'
import { ingestDataset } from './ingest-dataset.js'
import { loadModel } from './load-model.js'
import { parseModelRef, resolveVersion } from './model-ref.js'
import { modelSummary, modelView, type ModelSummary, type ModelView } from './model-views.js'
import { predictBatch, type BatchAnswer, type BatchRequest } from '../batch/predict-batch.js'
import { predictRows, type Row, type Scored } from './predict.js'

/** A prediction request as the API receives it. */
interface PredictOptions {
  readonly modelId: string
  readonly version?: number | string | undefined
  readonly history?: Row[] | undefined
  readonly threshold?: number | undefined
  readonly explain?: boolean | undefined
}
export interface PredictRequest extends PredictOptions {
  readonly data: Row
}
import { UnavailableError } from '../jobs/job-errors.js'
import type { JobContext, Submitted } from '../jobs/job-manager.js'
import type { Job, JobStatus } from '../jobs/job.js'
import { commitVersion } from './commit-version.js'
import { STAGE_START } from './compute-version.js'
import type { AppServices } from './services.js'
import { prepareTraining, type TrainSpec, type TrainTarget, type TrainTask } from './train-model.js'

export interface TrainInput extends Partial<TrainSpec> {
  readonly model_id?: string | undefined
}

/**
 * What a retrain may change; `label_column: null` drops the parent's label
 * column; `keep_previous_data: false` trains on the new dataset alone
 * instead of 002's parent data plus the new dataset.
 */
export type RetrainOverrides = Partial<Omit<TrainSpec, 'label_column'>> & {
  readonly label_column?: string | null | undefined
  readonly keep_previous_data?: boolean | undefined
}

/** The training defaults, read from the request schema so they are declared once. */
const DEFAULTS = Value.Default(TrainBody, {}) as { algorithm: string; contamination: number; random_state: number }

/**
 * Vigil's use cases as one object, so HTTP handlers stay one-liners and
 * tests can drive the same code without HTTP. Framework-free.
 */
export function createVigil(s: AppServices) {
  const isLoaded = (id: string, version: number): boolean => s.cache.keys().includes(`${id}@${version}`)

  async function describe(modelId: string, selector?: number | string): Promise<ModelView> {
    const ref = parseModelRef(modelId, selector)
    const version = await resolveVersion(s.models, ref)
    const [record, versions, aliases] = await Promise.all([
      s.models.readVersion(ref.modelId, version),
      s.models.listVersions(ref.modelId),
      s.models.readAliases(ref.modelId),
    ])
    return modelView(record, versions, aliases, isLoaded(ref.modelId, version))
  }

  /** The job's work: compute the version in a worker, then store it here (the only step that cannot be cancelled). */
  async function runTraining(task: TrainTask, target: TrainTarget, ctx: JobContext): Promise<ModelView> {
    const computed = await s.pool.run('train', task, { signal: ctx.signal, onStart: ctx.started, onProgress: ctx.progress })
    ctx.signal.throwIfAborted()
    ctx.committing()
    ctx.progress('saving', STAGE_START.saving)
    const record = await commitVersion(s, target, computed, ctx.jobId)
    return describe(record.model_id, record.version)
  }

  /** Check the request (4xx before anything is queued), claim the new model id, and queue the training. */
  async function submitTrain(datasetId: string, input: TrainInput): Promise<Submitted> {
    assertId('dataset_id', datasetId)
    const spec = withDefaults(input)
    const modelId = input.model_id ?? newId(spec.algorithm)
    assertId('model_id', modelId)
    s.jobs.assertAccepting()
    const task = await prepareTraining(s, datasetId, spec)
    // claiming the id first makes two concurrent trains of one name a 409, not two versions
    await s.models.claim(modelId)
    const release = async (): Promise<void> => {
      if (!(await s.models.exists(modelId))) await s.models.release(modelId)
    }
    try {
      return s.jobs.submit({ kind: 'train', dataset_id: datasetId, model_id: modelId, run: (ctx) => runTraining(task, { modelId, parent: null }, ctx), undo: release })
    } catch (err) {
      await release()
      throw err
    }
  }

  async function submitRetrain(modelId: string, datasetId: string, overrides: RetrainOverrides): Promise<Submitted> {
    assertId('dataset_id', datasetId)
    const ref = parseModelRef(modelId)
    const parentVersion = await resolveVersion(s.models, ref)
    const parent = await s.models.readVersion(ref.modelId, parentVersion)
    s.jobs.assertAccepting()
    // 002: the parent's training data plus the new dataset, stacked into a new dataset (removed again if the retrain fails)
    const data = await retrainData(s, parent, datasetId, overrides.keep_previous_data !== false)
    const discard = async (): Promise<void> => {
      if (data.combined) await s.datasets.delete(data.combined.dataset_id).catch(() => undefined)
    }
    try {
      const task = await prepareTraining(s, data.datasetId, retrainSpec(parent, overrides))
      const target = { modelId: ref.modelId, parent: { model_id: ref.modelId, version: parentVersion } }
      return s.jobs.submit({ kind: 'retrain', dataset_id: data.datasetId, model_id: ref.modelId, run: (ctx) => runTraining(task, target, ctx), undo: discard })
    } catch (err) {
      await discard()
      throw err
    }
  }

  /** Combine the model's dataset with another; with `train`, queue a new version on the result (the dataset is removed if it fails). */
  async function combineWith(modelId: string, datasetId: string, train: boolean) {
    assertId('dataset_id', datasetId)
    const named = await describe(modelId)
    // 002's retrain-then-combine: a version retrained on this dataset combines its parent's data with it
    const found = await combineBase(s, named, datasetId, (version) => s.models.readVersion(named.model_id, version))
    if (found === undefined) {
      throw new InvalidInputError(
        `dataset ${datasetId} is the one ${named.model_id}@${named.version} was trained on (and no earlier version was trained without it); combining it with itself would only duplicate rows`,
        { field: 'dataset_id', value: datasetId },
      )
    }
    const base = found.version === named.version ? named : await describe(named.model_id, found.version)
    if (train) s.jobs.assertAccepting()
    const combined = await combineDatasets(s, [base.dataset_id, datasetId])
    if (!train) return { named, base, combined, submitted: undefined }
    // the request failed as a whole: do not leave a dataset the caller never heard of
    const discard = (): Promise<void> => s.datasets.delete(combined.dataset_id).catch(() => undefined)
    try {
      const task = await prepareTraining(s, combined.dataset_id, specOf(named))
      const target = { modelId: named.model_id, parent: { model_id: named.model_id, version: named.version } }
      const submitted = s.jobs.submit({ kind: 'combine', dataset_id: combined.dataset_id, model_id: base.model_id, run: (ctx) => runTraining(task, target, ctx), undo: discard })
      return { named, base, combined, submitted }
    } catch (err) {
      await discard()
      throw err
    }
  }

  /** The job as it is now (a job may have started between submission and the answer). */
  const current = async (submitted: Submitted): Promise<Job> => {
    await submitted.saved
    return s.jobs.get(submitted.job.job_id)
  }

  return {
    health() {
      return {
        status: 'healthy' as const,
        version: APP_VERSION,
        uptime_seconds: Math.round((Date.now() - s.startedAt) / 1000),
        models_loaded: s.cache.size,
        timestamp: new Date().toISOString(),
      }
    },
    uploadDataset: (stream: Readable, filename: string): Promise<DatasetManifest> =>
      ingestDataset({ duckdb: s.duckdb, datasets: s.datasets, maxUploadBytes: s.config.maxUploadBytes, limits: s.config.limits }, { stream, filename }),
    listDatasets: () => s.datasets.list(),
    getDataset: (id: string) => s.datasets.get(id),
    async deleteDataset(id: string) {
      await s.datasets.delete(id)
      return { dataset_id: id, deleted: true as const }
    },
    listAlgorithms() {
      return ALGORITHM_NAMES.map((id) => {
        if (!s.registry.has(id)) return { id, available: false, title: id.replaceAll('_', ' '), supervised: null, description: 'not available yet' }
        const p = s.registry.get(id)
        return { id, available: true, title: p.title, supervised: p.supervised, description: p.description, state_version: p.stateVersion, params: p.params }
      })
    },
    /** Train and wait for the job: 200 with the model, or the training's own 4xx. */
    train: async (datasetId: string, input: TrainInput): Promise<ModelView> => (await submitTrain(datasetId, input)).done,
    /** Queue a training and return its job at once. */
    startTrain: async (datasetId: string, input: TrainInput): Promise<Job> => current(await submitTrain(datasetId, input)),
    retrain: async (modelId: string, datasetId: string, overrides: RetrainOverrides): Promise<ModelView> => (await submitRetrain(modelId, datasetId, overrides)).done,
    startRetrain: async (modelId: string, datasetId: string, overrides: RetrainOverrides): Promise<Job> => current(await submitRetrain(modelId, datasetId, overrides)),
    async combine(modelId: string, datasetId: string, retrain: boolean) {
      const { named, base, combined, submitted } = await combineWith(modelId, datasetId, retrain)
      const model = submitted ? await submitted.done : undefined
      return {
        model_id: named.model_id,
        combined_dataset_id: combined.dataset_id,
        source_dataset_ids: combined.source_dataset_ids ?? [],
        base_version: base.version,
        rows: combined.rows,
        columns: combined.columns,
        // 002's counts
        total_records: combined.rows,
        original_records: base.dataset.rows,
        new_records: combined.rows - base.dataset.rows,
        message: model
          ? `combined ${combined.source_dataset_ids?.join(' + ')} and trained version ${model.version} of ${named.model_id}`
          : `combined ${combined.source_dataset_ids?.join(' + ')}; train on it with POST /train/${combined.dataset_id} or POST /models/${named.model_id}/retrain/${combined.dataset_id}`,
        ...(model ? { model } : {}),
      }
    },
    /** Combine now, and queue the training on the combined dataset; the job's `dataset_id` names it. */
    async startCombine(modelId: string, datasetId: string): Promise<Job> {
      const { submitted } = await combineWith(modelId, datasetId, true)
      if (!submitted) throw new Error('combineWith(train: true) always submits a job')
      return current(submitted)
    },
    listJobs: (status?: JobStatus) => {
      const jobs = s.jobs.list(status)
      return { jobs, count: jobs.length }
    },
    getJob: (jobId: string): Job => s.jobs.get(jobId),
    cancelJob: (jobId: string): Promise<Job> => s.jobs.cancel(jobId),
    watchJob: (jobId: string, listener: (job: Job) => void): (() => void) => s.jobs.watch(jobId, listener),
    /** Shutdown, first step: refuse new jobs (and /ready), let running ones finish within `graceMs`, cancel the rest. */
    drain: (graceMs: number): Promise<void> => s.jobs.drain(graceMs),
    ready() {
      if (!s.jobs.accepting) throw new UnavailableError('shutting down: finishing or cancelling jobs')
      if (!s.pool.ready) throw new UnavailableError(`starting: ${s.pool.size} worker thread(s) are not all up yet`)
      return { status: 'ready' as const }
    },
    async listModels(): Promise<{ models: ModelSummary[]; count: number }> {
      const ids = await s.models.listModels()
      const models = await Promise.all(
        ids.map(async (id) => {
          const versions = await s.models.listVersions(id)
          const latest = await s.models.readVersion(id, versions[versions.length - 1] as number)
          return modelSummary(latest, versions, await s.models.readAliases(id))
        }),
      )
      return { models, count: models.length }
    },
    getModel: describe,
    async deleteModel(modelId: string) {
      const versions = await s.models.listVersions(modelId)
      await s.models.deleteModel(modelId)
      s.cache.deletePrefix(`${modelId}@`)
      return { model_id: modelId, deleted: true as const, versions_deleted: versions.length }
    },
    async loadModel(modelId: string, selector?: number | string) {
      const ref = parseModelRef(modelId, selector)
      const version = await resolveVersion(s.models, ref)
      const result = await loadModel(s, ref.modelId, version)
      return {
        model_id: ref.modelId,
        version,
        loaded: true as const,
        already_loaded: result.cached,
        load_time_ms: result.loadTimeMs,
        cached_models: s.cache.keys(),
      }
    },
    async listVersions(modelId: string): Promise<{ model_id: string; versions: VersionRecord[]; aliases: Aliases }> {
      const versions = await s.models.listVersions(modelId)
      return {
        model_id: modelId,
        versions: await Promise.all(versions.map((v) => s.models.readVersion(modelId, v))),
        aliases: await s.models.readAliases(modelId),
      }
    },
    async getVersion(modelId: string, selector: string): Promise<VersionRecord> {
      const version = await resolveVersion(s.models, parseModelRef(modelId, selector))
      return s.models.readVersion(modelId, version)
    },
    async getEvaluation(modelRef: string, selector?: string) {
      const ref = parseModelRef(modelRef, selector)
      const version = await resolveVersion(s.models, ref)
      const stored = await s.models.readEvaluation(ref.modelId, version)
      if (!stored) {
        throw new NotFoundError(`model ${ref.modelId}@${version} was trained without a label column, so it has no evaluation; train or retrain it with label_column`, {
          field: 'model_id',
          value: ref.modelId,
        })
      }
      return { model_id: ref.modelId, version, ...stored.report }
    },
    async changeThreshold(modelRef: string, request: ThresholdChangeRequest): Promise<ModelView> {
      const record = await changeThreshold(s, modelRef, request)
      return describe(record.model_id, record.version)
    },
    async setAlias(modelId: string, alias: string, version: number) {
      assertAlias(alias)
      await resolveVersion(s.models, { modelId, selector: version })
      return { model_id: modelId, aliases: await s.models.setAlias(modelId, alias, version) }
    },
    async deleteAlias(modelId: string, alias: string) {
      return { model_id: modelId, aliases: await s.models.deleteAlias(modelId, alias) }
    },
    async getAliases(modelId: string) {
      return { model_id: modelId, aliases: await s.models.readAliases(modelId) }
    },
    predict: (request: PredictRequest): Promise<Scored> => predictRows(s, { ...request, rows: [request.data], pathOf: (_i, column) => `data.${column}` }),
    predictBatch: (request: BatchRequest): Promise<BatchAnswer> => predictBatch(s, request),
  }
}

export type Vigil = ReturnType<typeof createVigil>

function withDefaults(input: TrainInput): TrainSpec {
  return {
    algorithm: input.algorithm ?? DEFAULTS.algorithm,
    contamination: input.contamination ?? DEFAULTS.contamination,
    random_state: input.random_state ?? DEFAULTS.random_state,
    target_column: input.target_column,
    feature_columns: input.feature_columns,
    label_column: input.label_column,
    params: input.params,
    features: input.features,
    threshold: input.threshold,
  }
}

/** A retrain is a clone: the parent's settings, with whatever the request changes. */
function retrainSpec(parent: VersionRecord, overrides: RetrainOverrides): TrainSpec {
  const algorithmChanged = overrides.algorithm !== undefined && overrides.algorithm !== parent.algorithm
  return {
    algorithm: overrides.algorithm ?? parent.algorithm,
    contamination: overrides.contamination ?? parent.contamination,
    random_state: overrides.random_state ?? parent.random_state,
    target_column: overrides.target_column ?? parent.target_column ?? undefined,
    // a new target without features means "target plus every numeric column"; the same target keeps the parent's inputs
    feature_columns:
      overrides.feature_columns ??
      (overrides.target_column === undefined || overrides.target_column === parent.target_column ? parent.feature_columns : undefined),
    // null removes the label column (e.g. retraining on unlabelled data)
    label_column: overrides.label_column === null ? undefined : (overrides.label_column ?? parent.label_column ?? undefined),
    params: overrides.params ?? (algorithmChanged ? undefined : parent.params),
    features: overrides.features ?? parent.features?.config ?? false,
    threshold: overrides.threshold ?? parent.threshold_options,
  }
}

function specOf(record: VersionRecord): TrainSpec {
  return {
    algorithm: record.algorithm,
    contamination: record.contamination,
    random_state: record.random_state,
    target_column: record.target_column ?? undefined,
    feature_columns: record.feature_columns,
    label_column: record.label_column ?? undefined,
    params: record.params,
    features: record.features?.config ?? false,
    threshold: record.threshold_options,
  }
}

function assertAlias(alias: string): void {
  assertId('alias', alias)
  if (/^\d+$/.test(alias) || alias === 'latest') {
    throw new InvalidInputError(`alias '${alias}' is reserved: aliases cannot be numbers or 'latest'`, { field: 'alias', value: alias })
  }
}
