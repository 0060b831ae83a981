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
 * The uploaded (not combined) datasets a dataset's rows come from: itself
 * when it was not combined, else its sources' leaves, recursively.
 * `knownSources` (a version's record of them) stand in for a manifest that
 * was deleted since; a deleted dataset of unknown sources counts as a leaf.
 */
export async function datasetLeaves(deps: CombineDeps, datasetId: string, knownSources?: readonly string[]): Promise<Set<string>> {
  const leaves = new Set<string>()
  const seen = new Set<string>()
  const visit = async (id: string, sources?: readonly string[]): Promise<void> => {
    if (seen.has(id)) return
    seen.add(id)
    const parts = (await find(deps, id))?.source_dataset_ids ?? sources ?? []
    if (parts.length === 0) leaves.add(id)
    for (const part of parts) await visit(part)
  }
  await visit(datasetId, knownSources)
  return leaves
}

const within = (a: Set<string>, b: Set<string>): boolean => [...a].every((id) => b.has(id))

export interface RetrainData {
  /** The dataset the new version is trained on. */
  readonly datasetId: string
  /** Set when it was made for this retrain (stacking the parent's data and the new dataset): remove it if the retrain fails. */
  readonly combined: DatasetManifest | undefined
}

/**
 * 002's retrain: the parent's training data plus the new dataset, without
 * counting any rows twice: the new dataset alone when it already holds the
 * parent's data (a combined dataset made from it, or the same dataset), the
 * parent's data when that already holds the new dataset, and the new dataset
 * alone when the parent's data was deleted (as 002 does without its
 * "original data" file). `keepPrevious: false` trains on the new dataset alone.
 */
export async function retrainData(deps: CombineDeps, parent: VersionRecord, datasetId: string, keepPrevious: boolean): Promise<RetrainData> {
  const alone = { datasetId, combined: undefined }
  await deps.datasets.get(datasetId)
  const previous = parent.dataset.dataset_id
  if (!keepPrevious || (await find(deps, previous)) === undefined) return alone
  const [had, adds] = await Promise.all([datasetLeaves(deps, previous, parent.dataset.source_dataset_ids), datasetLeaves(deps, datasetId)])
  if (within(had, adds)) return alone
  if (within(adds, had)) return { datasetId: previous, combined: undefined }
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
  const adds = await datasetLeaves(deps, datasetId)
  for (let record: VersionRecord | undefined = start; record !== undefined; ) {
    if (!within(adds, await datasetLeaves(deps, record.dataset.dataset_id, record.dataset.source_dataset_ids))) return record
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
