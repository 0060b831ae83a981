import type { LoadedModel } from '../services/load-model.js'
import { predictRows, type Row, type Scored } from '../services/predict.js'
import type { Services } from '../services/services.js'
import { createModelStore } from '../store/model-store.js'

/** A large `/predict-batch` request, sent to a worker once the version is resolved. */
export interface BatchTask {
  readonly modelId: string
  readonly version: number
  /** The version record's `created_at`: a cached model of a deleted and re-created id is never reused. */
  readonly createdAt: string
  readonly rows: Row[]
  readonly history?: Row[] | undefined
  readonly threshold?: number | undefined
  readonly explain?: boolean | undefined
}

export type BatchResult = Scored

/** Score a batch in a worker, through the same `predictRows` the event loop uses for small batches. */
export async function scoreBatch(base: Services, modelsRoot: string, task: BatchTask): Promise<BatchResult> {
  const key = `${task.modelId}@${task.version}`
  const cached: LoadedModel | undefined = base.cache.get(key)
  if (cached && cached.record.created_at !== task.createdAt) base.cache.deletePrefix(`${task.modelId}@`)
  // a fresh store per batch: its version lists are read from disk, never stale
  const s: Services = { ...base, models: await createModelStore(modelsRoot) }
  return predictRows(s, {
    modelId: task.modelId,
    version: task.version,
    rows: task.rows,
    history: task.history,
    threshold: task.threshold,
    explain: task.explain,
    pathOf: (i, column) => `data[${i}].${column}`,
  })
}
