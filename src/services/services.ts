import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Config } from '../config.js'
import { registry as defaultRegistry, type Registry } from '../detectors/registry.js'
import { createDuckDb, type DuckDb } from '../ingest/duckdb.js'
import { createDatasetStore, type DatasetStore } from '../store/dataset-store.js'
import { createLruCache, type LruCache } from '../store/model-cache.js'
import { createModelStore, type ModelStore } from '../store/model-store.js'
import { sweepTemp } from '../store/sweep-temp.js'
import type { LoadedModel } from './load-model.js'

/** Everything the use cases need, built once per process from the config. No Fastify here. */
export interface Services {
  readonly config: Config
  readonly duckdb: DuckDb
  readonly datasets: DatasetStore
  readonly models: ModelStore
  readonly registry: Registry
  readonly cache: LruCache<LoadedModel>
  readonly startedAt: number
  /** Leftovers of interrupted writes removed at start-up. */
  readonly sweptAtStart: number
  close(): Promise<void>
}

export async function createServices(config: Config, registry: Registry = defaultRegistry): Promise<Services> {
  const datasetsRoot = path.join(config.storagePath, 'datasets')
  const modelsRoot = path.join(config.storagePath, 'models')
  const scratch = path.join(config.storagePath, 'tmp')
  await mkdir(config.storagePath, { recursive: true })
  const sweptAtStart = await sweepTemp(datasetsRoot, modelsRoot, scratch)
  await mkdir(scratch, { recursive: true })
  const duckdb = await createDuckDb({ tempDirectory: scratch })
  return {
    config,
    duckdb,
    datasets: await createDatasetStore(datasetsRoot),
    models: await createModelStore(modelsRoot),
    registry,
    cache: createLruCache<LoadedModel>(config.modelCacheSize),
    startedAt: Date.now(),
    sweptAtStart,
    async close() {
      duckdb.close()
    },
  }
}
