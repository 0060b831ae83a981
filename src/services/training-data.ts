import { NotFoundError } from '../errors.js'
import type { DatasetManifest } from '../store/dataset-manifest.js'
import type { VersionRecord } from '../store/model-records.js'
import { combineDatasets, type CombineDeps } from './combine-datasets.js'

/**
 * What a retrain or a combine starts from: 002's "original data" of a model.
 * 002 retrains on the model's training data plus the new dataset, and
 * combines the model's training data with a new dataset. Vigil keeps every
 * dataset immutable, so both come down to stacking two datasets into a new
 * one whose manifest (and the version trained on it) records its sources.
 */

/**
 * A dataset's id and every dataset it was combined from, recursively.
 * `knownSources` (a version's record of them) stand in for a manifest that
 * was deleted since; a deleted source ends its branch.
 */
export async function datasetLineage(deps: CombineDeps, datasetId: string, knownSources: readonly string[] = []): Promise<Set<string>> {
  const seen = new Set<string>()
  const queue = [datasetId, ...knownSources]
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (seen.has(id)) continue
    seen.add(id)
    const manifest = await find(deps, id)
    if (manifest?.source_dataset_ids) queue.push(...manifest.source_dataset_ids)
  }
  return seen
}

export interface RetrainData {
  /** The dataset the new version is trained on. */
  readonly datasetId: string
  /** Set when it was made for this retrain (stacking the parent's data and the new dataset): remove it if the retrain fails. */
  readonly combined: DatasetManifest | undefined
}

/**
 * 002's retrain: the parent's training data plus the new dataset. When the
 * new dataset is already part of the parent's data, that data as it is; when
 * the parent's data was deleted, the new dataset alone (as 002 does without
 * its "original data" file). `keepPrevious: false` trains on the new dataset
 * alone.
 */
export async function retrainData(deps: CombineDeps, parent: VersionRecord, datasetId: string, keepPrevious: boolean): Promise<RetrainData> {
  const alone = { datasetId, combined: undefined }
  if (!keepPrevious) return alone
  const previous = parent.dataset.dataset_id
  const lineage = await datasetLineage(deps, previous, parent.dataset.source_dataset_ids)
  const previousExists = (await find(deps, previous)) !== undefined
  if (lineage.has(datasetId)) return previousExists ? { datasetId: previous, combined: undefined } : alone
  await deps.datasets.get(datasetId)
  if (!previousExists) return alone
  const combined = await combineDatasets(deps, [previous, datasetId])
  return { datasetId: combined.dataset_id, combined }
}

/**
 * The version whose training data a combine starts from: the one named,
 * or, when its data already holds the new dataset (it was retrained on it,
 * 002's retrain-then-combine order), its nearest ancestor whose data does
 * not. Undefined when every version up the line holds it.
 */
export async function combineBase(
  deps: CombineDeps,
  start: VersionRecord,
  datasetId: string,
  read: (version: number) => Promise<VersionRecord>,
): Promise<VersionRecord | undefined> {
  for (let record: VersionRecord | undefined = start; record !== undefined; ) {
    const lineage = await datasetLineage(deps, record.dataset.dataset_id, record.dataset.source_dataset_ids)
    if (!lineage.has(datasetId)) return record
    record = record.parent === null || record.parent.model_id !== record.model_id ? undefined : await read(record.parent.version)
  }
  return undefined
}

async function find(deps: CombineDeps, id: string): Promise<DatasetManifest | undefined> {
  try {
    return await deps.datasets.get(id)
  } catch (err) {
    if (err instanceof NotFoundError) return undefined
    throw err
  }
}
