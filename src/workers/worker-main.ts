/**
 * Entry of a pool worker thread: trains versions and scores large batches,
 * one task at a time, and answers with plain data (the model as the JSON text
 * of its files). It owns its own DuckDB engine (one thread, its own spill directory).
 */
import { setPriority } from 'node:os'
import path from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { loadConfig } from '../config.js'
import { registry } from '../detectors/registry.js'
import { createDuckDb, type DuckDb } from '../ingest/duckdb.js'
import { computeVersion, type TrainingStage } from '../services/compute-version.js'
import type { LoadedModel } from '../services/load-model.js'
import type { Services } from '../services/services.js'
import { createDatasetStore } from '../store/dataset-store.js'
import { createLruCache } from '../store/model-cache.js'
import { createModelStore } from '../store/model-store.js'
import { currentThreadId, setIdlePolicy } from './idle-scheduling.js'
import { enterNative, leaveNative } from './native-gate.js'
import { createChunkCredits, type ChunkCredits } from './chunk-credits.js'
import { scoreBatch, type BatchChunk } from './score-batch.js'
import { serializeError } from './serialized-error.js'
import { CHUNK_WINDOW, type WorkerPull, type WorkerReply, type WorkerRequest, type WorkerSetup } from './worker-messages.js'

/** Loaded models a worker keeps for repeated large batches. */
const WORKER_MODEL_CACHE = 4
/** Progress is posted when it moved by at least this much, or the stage changed. */
const PROGRESS_STEP = 0.01
/** DuckDB only reads the planned columns into typed arrays here; it rarely needs more. */
const WORKER_DUCKDB_MEMORY = '1GB'

const port = parentPort
if (!port) throw new Error('worker-main.ts runs as a worker thread of the training pool')
const setup = workerData as WorkerSetup
const post = (reply: WorkerReply, transfer: ArrayBuffer[] = []): void => port.postMessage(reply, transfer)
lowerPriority(setup.nice, setup.scheduler)

enterNative(setup.gate)
const engine = await createDuckDb({ tempDirectory: setup.scratch, threads: 1, memoryLimit: WORKER_DUCKDB_MEMORY })
leaveNative(setup.gate)
post({ type: 'native-exit' })
/** The engine behind the gate: the pool never terminates this thread during a query. */
const duckdb: DuckDb = {
  async withConnection(work) {
    enterNative(setup.gate)
    try {
      return await engine.withConnection(work)
    } finally {
      leaveNative(setup.gate)
      post({ type: 'native-exit' })
    }
  },
  close: () => engine.close(),
}
const storageRoot = path.dirname(setup.modelsRoot)
const base: Services = {
  config: loadConfig({ MODEL_STORAGE_PATH: storageRoot }),
  duckdb,
  datasets: await createDatasetStore(path.join(storageRoot, 'datasets')),
  models: await createModelStore(setup.modelsRoot),
  registry,
  cache: createLruCache<LoadedModel>(WORKER_MODEL_CACHE),
  startedAt: Date.now(),
  sweptAtStart: 0,
  async close() {
    duckdb.close()
  },
}

const encoder = new TextEncoder()
/** Flow control of the streaming task running now, by its id. */
const credits = new Map<number, ChunkCredits>()

async function handle(request: WorkerRequest): Promise<unknown> {
  if (request.kind === 'predict') {
    const flow = createChunkCredits(CHUNK_WINDOW)
    credits.set(request.id, flow)
    const chunk = (c: BatchChunk): void => post({ type: 'chunk', id: request.id, chunk: c }, c.kind === 'bytes' ? [c.bytes.buffer as ArrayBuffer] : [])
    try {
      return await scoreBatch(base, setup.modelsRoot, request.task, {
        start: (head) => chunk({ kind: 'start', head }),
        async write(text) {
          await flow.take()
          // encoded here and transferred, not copied: the event loop only hands the bytes to the socket
          chunk({ kind: 'bytes', bytes: typeof text === 'string' ? encoder.encode(text) : text })
        },
      })
    } finally {
      credits.delete(request.id)
    }
  }
  let last: { stage: TrainingStage; progress: number } | undefined
  return computeVersion(request.task, duckdb, (stage, progress) => {
    if (last && last.stage === stage && progress - last.progress < PROGRESS_STEP) return
    last = { stage, progress }
    post({ type: 'progress', id: request.id, stage, progress })
  })
}

port.on('message', (request: WorkerRequest | WorkerPull) => {
  if (request.kind === 'pull') {
    credits.get(request.id)?.give()
    return
  }
  handle(request).then(
    (value) => post({ type: 'result', id: request.id, value }),
    (err: unknown) => post({ type: 'error', id: request.id, error: serializeError(err) }),
  )
})
post({ type: 'ready' })

/**
 * Lower this thread's scheduling priority. On Linux the nice value is per
 * thread and `setPriority(0, n)` (setpriority(PRIO_PROCESS, 0, n)) applies to
 * the calling thread only, so training yields the CPU to the event loop
 * without slowing the server's own thread. Lowering is always allowed; where
 * the platform refuses, the worker runs at normal priority.
 *
 * With `scheduler: 'idle'` the thread also moves to SCHED_IDLE, for which
 * Node has no API: `chrt --idle -p 0 <tid>` (util-linux, present in Debian
 * and its node images) on this thread's id from /proc/thread-self. A nice
 * value still competes for its share of a core, and a waking request may
 * wait behind it for a scheduler slice; a SCHED_IDLE thread runs only on a
 * core nothing else wants and is preempted the moment the event loop (or
 * anything else) wakes. Measured with `npm run bench:serve`: it takes the
 * p99 of /predict during training from 5.5 ms to 3.7 ms (idle 1.5–1.8 ms).
 * Threads this one starts later (its DuckDB's) inherit the policy. Where
 * chrt or /proc is missing the worker keeps its nice value.
 */
function lowerPriority(nice: number, scheduler: 'idle' | 'normal'): void {
  if (nice > 0) {
    try {
      setPriority(0, nice)
    } catch {
      // not permitted or not supported here: run at normal priority
    }
  }
  // without chrt or /proc the nice value above still applies
  if (scheduler === 'idle') setIdlePolicy(currentThreadId() ?? '')
}
