import { Value } from 'typebox/value'
import { InvalidInputError } from '../errors.js'
import { FeatureConfig } from '../features/feature-config.js'
import { planInputs, type InputPlan } from '../features/plan-inputs.js'
import type { FrameColumn } from '../ingest/read-frame.js'
import type { DatasetManifest } from '../store/dataset-manifest.js'
import type { VersionRecord } from '../store/model-records.js'
import type { ThresholdOptions } from '../evaluation/threshold-options.js'
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

/**
 * Everything a training worker needs, as plain data (structured-clone safe):
 * checked parameters, the feature settings, the planned columns and the file to read.
 */
export interface TrainTask {
  readonly spec: TrainSpec
  readonly manifest: DatasetManifest
  readonly params: Record<string, unknown>
  readonly config: FeatureConfig | false
  readonly plan: InputPlan
  readonly columns: FrameColumn[]
  /** The dataset's canonical Parquet copy. */
  readonly dataFile: string
}

/**
 * The cheap half of training, on the calling thread: the dataset exists, the
 * algorithm and its parameters are valid, the named columns exist and can be
 * used. Mistakes found here are a 4xx before any job is queued; what needs the
 * data itself (label values) is checked by the worker.
 */
export async function prepareTraining(s: Services, datasetId: string, spec: TrainSpec): Promise<TrainTask> {
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
  return { spec, manifest, params, config, plan, columns: frameColumns(manifest, plan), dataFile: s.datasets.dataFile(datasetId) }
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
