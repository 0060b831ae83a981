import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { TrainingStage } from '../services/compute-version.js'
import { createGate, requestStop } from './native-gate.js'
import { deserializeError } from './serialized-error.js'
import type { WorkerChunks, WorkerKind, WorkerPull, WorkerReply, WorkerRequest, WorkerResults, WorkerSetup } from './worker-messages.js'
import { workerUrl } from './worker-url.js'

export interface RunOptions<C = unknown> {
  /** High-priority tasks (large prediction batches) start before waiting trainings. */
  readonly priority?: 'high' | 'normal'
  /** Called when a worker takes the task. */
  readonly onStart?: () => void
  readonly onProgress?: (stage: TrainingStage, progress: number) => void
  /**
   * A streaming task posted part of its answer. Call `pull` once the chunk
   * was consumed: the worker sends at most `CHUNK_WINDOW` chunks ahead of the
   * pulls, so a slow reader slows the worker down instead of filling memory.
   */
  readonly onChunk?: (chunk: C, pull: () => void) => void
  /** Aborting removes a waiting task, or terminates (and replaces) the worker running it; the run rejects with the reason. */
  readonly signal?: AbortSignal
}

type TaskOf<K extends WorkerKind> = Extract<WorkerRequest, { kind: K }>['task']

/** A fixed set of worker threads running CPU-heavy tasks off the event loop, with a FIFO queue (high priority first). */
export interface WorkerPool {
  readonly size: number
  /** Every worker has started (its modules loaded, its DuckDB open). */
  readonly ready: boolean
  /** Tasks waiting for a worker. */
  readonly waiting: number
  run<K extends WorkerKind>(kind: K, task: TaskOf<K>, options?: RunOptions<WorkerChunks[K]>): Promise<WorkerResults[K]>
  /** Reject waiting tasks, terminate every worker. */
  close(): Promise<void>
}

export interface PoolOptions {
  readonly size: number
  /** Each worker spills under `<scratch>/worker-<n>`. */
  readonly scratch: string
  readonly modelsRoot: string
  /** Scheduling niceness of each worker thread (0 = as the event loop). */
  readonly nice: number
  /** See `Config.workerScheduler`. */
  readonly scheduler?: 'idle' | 'normal'
}

interface Pending {
  readonly request: WorkerRequest
  readonly options: RunOptions
  resolve(value: unknown): void
  reject(err: unknown): void
}

interface Slot {
  readonly index: number
  worker: Worker
  ready: boolean
  task: Pending | undefined
  lastError: Error | undefined
  gate: Int32Array
  /** A stop was asked while the worker was inside DuckDB: it happens when the call returns. */
  stopping: boolean
}

/** A worker that dies this many times in a row before starting means the build is broken: stop and fail waiting tasks. */
const MAX_START_FAILURES = 3
const RESPAWN_DELAY_MS = 500

export function createWorkerPool(options: PoolOptions): WorkerPool {
  const url = workerUrl()
  const high: Pending[] = []
  const normal: Pending[] = []
  let nextId = 1
  let closing = false
  let startFailures = 0
  let broken: Error | undefined
  const alive = new Set<Worker>()

  const spawn = (index: number, gate: Int32Array): Worker => {
    const scratch = path.join(options.scratch, `worker-${index}`)
    mkdirSync(scratch, { recursive: true })
    const setup: WorkerSetup = { scratch, modelsRoot: options.modelsRoot, gate, nice: options.nice, scheduler: options.scheduler ?? 'normal' }
    const worker = new Worker(url, { workerData: setup, name: `vigil-worker-${index}` })
    alive.add(worker)
    worker.on('message', (reply: WorkerReply) => onReply(slots[index] as Slot, reply))
    worker.on('error', (err) => {
      const slot = slots[index]
      if (slot) slot.lastError = err
    })
    worker.on('exit', (code) => {
      alive.delete(worker)
      onExit(slots[index] as Slot, worker, code)
    })
    return worker
  }
  const slots: Slot[] = []
  for (let i = 0; i < options.size; i++) {
    const gate = createGate()
    slots.push({ index: i, worker: spawn(i, gate), ready: false, task: undefined, lastError: undefined, gate, stopping: false })
  }

  /** Terminate a worker as soon as it is outside DuckDB; its exit handler settles its task. */
  function stop(slot: Slot): void {
    slot.stopping = true
    if (requestStop(slot.gate)) void slot.worker.terminate()
  }

  function onReply(slot: Slot, reply: WorkerReply): void {
    if (reply.type === 'native-exit') {
      if (slot.stopping) stop(slot)
      return
    }
    if (reply.type === 'ready') {
      slot.ready = true
      startFailures = 0
      dispatch()
      return
    }
    const task = slot.task
    if (!task || task.request.id !== reply.id) return
    if (reply.type === 'progress') {
      task.options.onProgress?.(reply.stage, reply.progress)
      return
    }
    if (reply.type === 'chunk') {
      const pull: WorkerPull = { kind: 'pull', id: reply.id }
      // a pull after the task ended (or its worker was replaced) goes nowhere
      task.options.onChunk?.(reply.chunk, () => {
        if (slot.task === task) slot.worker.postMessage(pull)
      })
      return
    }
    slot.task = undefined
    if (reply.type === 'result') task.resolve(reply.value)
    else task.reject(deserializeError(reply.error))
    dispatch()
  }

  function onExit(slot: Slot, worker: Worker, code: number): void {
    if (slot.worker !== worker) return
    const task = slot.task
    slot.task = undefined
    const wasReady = slot.ready
    slot.ready = false
    if (task) {
      const aborted = task.options.signal?.aborted === true
      const detail = slot.lastError ? `: ${slot.lastError.message}` : ''
      task.reject(aborted ? task.options.signal?.reason : new Error(`worker thread stopped unexpectedly (exit code ${code})${detail}`))
    }
    if (closing) return
    if (!wasReady && !task) {
      startFailures++
      if (startFailures >= MAX_START_FAILURES) {
        broken = new Error(`worker threads fail to start${slot.lastError ? `: ${slot.lastError.message}` : ''}`)
        for (const p of [...high.splice(0), ...normal.splice(0)]) p.reject(broken)
        return
      }
      setTimeout(() => respawn(slot), RESPAWN_DELAY_MS).unref()
      return
    }
    respawn(slot)
  }

  function respawn(slot: Slot): void {
    if (closing) return
    slot.lastError = undefined
    slot.stopping = false
    slot.gate = createGate()
    slot.worker = spawn(slot.index, slot.gate)
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (!slot.ready || slot.task) continue
      const next = high.shift() ?? normal.shift()
      if (!next) return
      slot.task = next
      next.options.onStart?.()
      slot.worker.postMessage(next.request)
    }
  }

  function cancel(pending: Pending, reason: unknown): void {
    for (const queue of [high, normal]) {
      const at = queue.indexOf(pending)
      if (at >= 0) {
        queue.splice(at, 1)
        pending.reject(reason)
        return
      }
    }
    const slot = slots.find((s) => s.task === pending)
    // the exit handler rejects the task with the signal's reason and starts a fresh worker
    if (slot) stop(slot)
  }

  return {
    size: options.size,
    get ready() {
      return slots.every((s) => s.ready)
    },
    get waiting() {
      return high.length + normal.length
    },
    run(kind, task, runOptions = {}) {
      return new Promise((resolve, reject) => {
        if (closing) return reject(new Error('the worker pool is closed'))
        if (broken) return reject(broken)
        const signal = runOptions.signal
        if (signal?.aborted) return reject(signal.reason)
        const request = { id: nextId++, kind, task } as WorkerRequest
        const pending: Pending = { request, options: runOptions as RunOptions, resolve: resolve as (value: unknown) => void, reject }
        signal?.addEventListener('abort', () => cancel(pending, signal.reason), { once: true })
        ;(runOptions.priority === 'high' ? high : normal).push(pending)
        dispatch()
      })
    },
    async close() {
      closing = true
      const reason = new Error('the worker pool is closed')
      for (const p of [...high.splice(0), ...normal.splice(0)]) p.reject(reason)
      await Promise.all(
        slots.map(async (slot) => {
          const task = slot.task
          slot.task = undefined
          task?.reject(reason)
          if (!alive.has(slot.worker)) return
          const exited = new Promise((resolve) => slot.worker.once('exit', resolve))
          stop(slot)
          await exited
        }),
      )
    },
  }
}
