/**
 * Process configuration from environment variables (names as in the API
 * contract, 002), parsed once into a frozen, typed object.
 */
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { parseByteSize } from './byte-size.js'
import { loadLimits, type Limits } from './config-limits.js'
import { parseChoice, parseInteger, type Env } from './env-values.js'

export interface Config {
  readonly host: string
  readonly port: number
  /** Root of all persistent data (datasets, models). */
  readonly storagePath: string
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Largest accepted upload, in bytes (JSON bodies have their own limits). */
  readonly maxUploadBytes: number
  /** How many trained models stay loaded in memory (least recently used are evicted). */
  readonly modelCacheSize: number
  /** Origins allowed to call the API from a browser: '*' (any, as 002 specifies) or a comma-separated list. */
  readonly corsOrigin: '*' | readonly string[]
  /** Worker threads that train models (and score large batches) off the event loop. */
  readonly trainConcurrency: number
  /** Training jobs allowed to wait for a worker; one more is refused with 429. */
  readonly jobQueueLimit: number
  /** On SIGTERM/SIGINT, how long running jobs may take to finish before they are cancelled. */
  readonly shutdownGraceMs: number
  /** Nice value (0–19) of the worker threads, so the event loop wins the CPU when both want it (Linux; ignored elsewhere). */
  readonly workerNice: number
  /**
   * 'idle': worker threads also switch to Linux's SCHED_IDLE policy (run only
   * when a core is otherwise idle, preempted at once by any normal thread),
   * and so do V8's platform threads (server.ts, idle-scheduling.ts);
   * 'normal': niceness only.
   */
  readonly workerScheduler: 'idle' | 'normal'
  /**
   * Batches of at least this many rows are large: scored in a worker thread,
   * streamed chunk by chunk, and explained compactly unless the request asks
   * for `explanation_detail: "full"` (docs/api.md, "Large batches").
   */
  readonly batchStreamRows: number
  /** Bounds on what one request, upload or stream may cost (config-limits.ts). */
  readonly limits: Limits
  /** Regression monitors to create or update at start: a JSON object of configs by name (MONITORS_FILE, default ./monitors.json; absent = none). */
  readonly monitorsFile: string
  /**
   * Secret of the keyed pseudonyms (HMAC-SHA256) that replace personal fields
   * at ingest (PSEUDONYM_KEY, at least 32 characters). Unset: a random key is
   * generated once and kept under the storage folder (docs/privacy.md).
   */
  readonly pseudonymKey: string | undefined
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export type { Env }

export function loadConfig(env: Env = process.env): Config {
  const level = (env.LOG_LEVEL ?? 'info').toLowerCase()
  // Python-style names from 002 ("WARNING", "CRITICAL") map onto pino's
  const logLevel = level === 'warning' ? 'warn' : level === 'critical' ? 'fatal' : level
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new RangeError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got '${env.LOG_LEVEL}'`)
  }
  return Object.freeze({
    host: env.HOST ?? '0.0.0.0',
    port: parseInteger('PORT', env.PORT, 8000, 0, 65535),
    storagePath: path.resolve(env.MODEL_STORAGE_PATH ?? './storage'),
    logLevel: logLevel as Config['logLevel'],
    maxUploadBytes: parseByteSize(env.MAX_UPLOAD_SIZE ?? '100MB', 'MAX_UPLOAD_SIZE'),
    modelCacheSize: parseInteger('MODEL_CACHE_SIZE', env.MODEL_CACHE_SIZE, 32, 1, 10_000),
    corsOrigin: parseOrigins(env.CORS_ORIGINS),
    trainConcurrency: parseInteger('TRAIN_CONCURRENCY', env.TRAIN_CONCURRENCY, defaultConcurrency(), 1, 256),
    jobQueueLimit: parseInteger('JOB_QUEUE_LIMIT', env.JOB_QUEUE_LIMIT, 16, 0, 100_000),
    shutdownGraceMs: parseInteger('SHUTDOWN_GRACE_MS', env.SHUTDOWN_GRACE_MS, 8000, 0, 600_000),
    workerNice: parseInteger('WORKER_NICE', env.WORKER_NICE, 10, 0, 19),
    workerScheduler: parseChoice('WORKER_SCHEDULER', env.WORKER_SCHEDULER, ['idle', 'normal'] as const, 'idle'),
    batchStreamRows: parseInteger('BATCH_STREAM_ROWS', env.BATCH_STREAM_ROWS, 5000, 1, 100_000),
    limits: loadLimits(env),
    monitorsFile: path.resolve(env.MONITORS_FILE ?? './monitors.json'),
    pseudonymKey: parsePseudonymKey(env.PSEUDONYM_KEY),
  })
}

/** One core stays with the event loop (HTTP, small predictions); the rest train. */
function defaultConcurrency(): number {
  return Math.max(1, availableParallelism() - 1)
}

function parseOrigins(raw: string | undefined): '*' | readonly string[] {
  if (raw === undefined || raw.trim() === '' || raw.trim() === '*') return '*'
  return Object.freeze(raw.split(',').map((o) => o.trim()).filter(Boolean))
}

/** Shortest PSEUDONYM_KEY accepted: 32 characters (a 128-bit hex key or more), so the pseudonyms cannot be brute-forced from the key space. */
export const MIN_PSEUDONYM_KEY_LENGTH = 32

function parsePseudonymKey(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined
  if (raw.length < MIN_PSEUDONYM_KEY_LENGTH) {
    throw new RangeError(`PSEUDONYM_KEY must be at least ${MIN_PSEUDONYM_KEY_LENGTH} characters (e.g. \`openssl rand -hex 32\`); got ${raw.length}`)
  }
  return raw
}
