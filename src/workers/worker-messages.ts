import type { ComputedVersion, TrainingStage } from '../services/compute-version.js'
import type { TrainTask } from '../services/train-model.js'
import type { BatchChunk, BatchResult, BatchTask } from './score-batch.js'
import type { SerializedError } from './serialized-error.js'

/** What each kind of task returns. */
export interface WorkerResults {
  readonly train: ComputedVersion
  readonly predict: BatchResult
}

export type WorkerKind = keyof WorkerResults

/** What each kind of task may post while it runs (see `RunOptions.onChunk`). */
export interface WorkerChunks {
  readonly train: never
  readonly predict: BatchChunk
}

/** Chunks a worker may send ahead of the reader (see chunk-credits.ts). */
export const CHUNK_WINDOW = 2

/** Main thread → worker: one task at a time. */
export type WorkerRequest = { readonly id: number; readonly kind: 'train'; readonly task: TrainTask } | { readonly id: number; readonly kind: 'predict'; readonly task: BatchTask }

/** Main thread → worker, about the running task: its reader took a chunk, so one more may be sent. */
export interface WorkerPull {
  readonly kind: 'pull'
  readonly id: number
}

/** Worker → main thread. */
export type WorkerReply =
  | { readonly type: 'ready' }
  /** The worker left a DuckDB call (see native-gate.ts): a stop waiting for it can proceed. */
  | { readonly type: 'native-exit' }
  | { readonly type: 'progress'; readonly id: number; readonly stage: TrainingStage; readonly progress: number }
  /** Part of a streamed answer; the worker sends at most `CHUNK_WINDOW` before a pull. */
  | { readonly type: 'chunk'; readonly id: number; readonly chunk: unknown }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError }

/** What the pool gives every worker at spawn. */
export interface WorkerSetup {
  /** A directory of its own where the worker's DuckDB may spill. */
  readonly scratch: string
  /** Where model versions live (the batch scorer reads them). */
  readonly modelsRoot: string
  /** Shared with the pool: whether the worker is inside a DuckDB call (native-gate.ts). */
  readonly gate: Int32Array
  /** Niceness the worker gives its own thread before anything else (threads it starts, such as DuckDB's, inherit it). */
  readonly nice: number
  /** 'idle': also switch the thread to SCHED_IDLE (Linux, through `chrt`). */
  readonly scheduler: 'idle' | 'normal'
}
