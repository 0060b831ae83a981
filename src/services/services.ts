import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Config } from '../config.js'
import { registry as defaultRegistry, type Registry } from '../detectors/registry.js'
import { createDuckDb, type DuckDb } from '../ingest/duckdb.js'
import { createDatasetStore, type DatasetStore } from '../store/dataset-store.js'
import { createLruCache, type LruCache } from '../store/model-cache.js'
import { createModelStore, type ModelStore } from '../store/model-store.js'
import { sweepTemp } from '../store/sweep-temp.js'
import { createJobManager, type JobLog, type JobManager } from '../jobs/job-manager.js'
import { committedResult } from './committed-result.js'
import { createJobStore } from '../jobs/job-store.js'
import { createWorkerPool, type WorkerPool } from '../workers/worker-pool.js'
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

/** The services of the serving process: the above, plus the worker pool and the job queue (never inside a worker). */
export interface AppServices extends Services {
  readonly pool: WorkerPool
  readonly jobs: JobManager
}

export interface ServiceOptions {
  readonly registry?: Registry
  /** Where background failures (a job file that could not be written) are reported. */
  readonly log?: JobLog
}

const SILENT: JobLog = { warn: () => undefined, error: () => undefined }

export async function createServices(config: Config, options: ServiceOptions = {}): Promise<AppServices> {
  const datasetsRoot = path.join(config.storagePath, 'datasets')
  const modelsRoot = path.join(config.storagePath, 'models')
  const jobsRoot = path.join(config.storagePath, 'jobs')
  const scratch = path.join(config.storagePath, 'tmp')
  await mkdir(config.storagePath, { recursive: true })
  const sweptAtStart = await sweepTemp(datasetsRoot, modelsRoot, scratch)
  await mkdir(scratch, { recursive: true })
  await mkdir(jobsRoot, { recursive: true })
  const duckdb = await createDuckDb({ tempDirectory: scratch })
  const jobStore = createJobStore(jobsRoot)
  const models = await createModelStore(modelsRoot)
  const history = await jobStore.load((job) => committedResult(models, job))
  const pool = createWorkerPool({ size: config.trainConcurrency, scratch: path.join(scratch, 'workers'), modelsRoot, nice: config.workerNice, scheduler: config.workerScheduler })
  const jobs = createJobManager({ store: jobStore, history, queueLimit: config.jobQueueLimit, concurrency: config.trainConcurrency, log: options.log ?? SILENT })
  return {
    config,
    duckdb,
    datasets: await createDatasetStore(datasetsRoot),
    models,
    registry: options.registry ?? defaultRegistry,
    cache: createLruCache<LoadedModel>(config.modelCacheSize),
    startedAt: Date.now(),
    sweptAtStart,
    pool,
    jobs,
    async close() {
      // jobs still queued or running are cancelled ("server shutting down") before their workers go
      await jobs.drain(0)
      await pool.close()
      duckdb.close()
    },
  }
}
