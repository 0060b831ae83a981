import { parseByteSize } from './byte-size.js'
import { parseInteger, type Env } from './env-values.js'
import { DEFAULT_SIMULATOR_LIMITS, type SimulatorLimits } from './simulator/stream-limits.js'

/**
 * What one request, upload or stream may cost, with defaults safe for a
 * small server. Each bound is refused with a 4xx naming its variable
 * (README, "Limits").
 */
export interface Limits {
  /** JSON request bodies of every route but /predict-batch. */
  readonly maxBodyBytes: number
  /** JSON request body of /predict-batch. */
  readonly maxBatchBodyBytes: number
  /** Rows in one /predict-batch request (the schema's hard ceiling is 100,000). */
  readonly maxBatchRows: number
  /** Nesting of arrays and objects in a JSON body or a JSON / JSON-lines upload. */
  readonly maxJsonDepth: number
  /** Columns of a dataset (after nested fields are flattened). */
  readonly maxColumns: number
  /** A client must finish sending the request headers within this time (408 after it). */
  readonly headersTimeoutMs: number
  /** A client must finish sending the whole request, body included, within this time (408 after it). */
  readonly requestTimeoutMs: number
  readonly simulator: SimulatorLimits
}

/** DuckDB crashes or fails on JSON nested about 1,000 levels deep: the setting stays well below. */
export const JSON_DEPTH_CEILING = 256
/** The request schema's own ceiling on batch rows. */
export const BATCH_ROWS_CEILING = 100_000

export function loadLimits(env: Env): Limits {
  const headersTimeoutMs = parseInteger('HEADERS_TIMEOUT_MS', env.HEADERS_TIMEOUT_MS, 10_000, 100, 600_000)
  const requestTimeoutMs = parseInteger('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS, 60_000, 100, 3_600_000)
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new RangeError(`REQUEST_TIMEOUT_MS (${requestTimeoutMs}) must be at least HEADERS_TIMEOUT_MS (${headersTimeoutMs})`)
  }
  const d = DEFAULT_SIMULATOR_LIMITS
  return Object.freeze({
    maxBodyBytes: parseByteSize(env.MAX_BODY_SIZE ?? '1MB', 'MAX_BODY_SIZE'),
    maxBatchBodyBytes: parseByteSize(env.MAX_BATCH_BODY_SIZE ?? '64MB', 'MAX_BATCH_BODY_SIZE'),
    maxBatchRows: parseInteger('MAX_BATCH_ROWS', env.MAX_BATCH_ROWS, BATCH_ROWS_CEILING, 1, BATCH_ROWS_CEILING),
    maxJsonDepth: parseInteger('MAX_JSON_DEPTH', env.MAX_JSON_DEPTH, 64, 2, JSON_DEPTH_CEILING),
    maxColumns: parseInteger('MAX_COLUMNS', env.MAX_COLUMNS, 2000, 1, 20_000),
    headersTimeoutMs,
    requestTimeoutMs,
    simulator: Object.freeze({
      maxRate: parseInteger('SIMULATOR_MAX_RATE', env.SIMULATOR_MAX_RATE, d.maxRate, 1, 10_000),
      maxStreams: parseInteger('SIMULATOR_MAX_STREAMS', env.SIMULATOR_MAX_STREAMS, d.maxStreams, 0, 1000),
      streamBufferBytes: parseByteSize(env.SIMULATOR_STREAM_BUFFER ?? `${d.streamBufferBytes}`, 'SIMULATOR_STREAM_BUFFER'),
      stallTimeoutMs: parseInteger('SIMULATOR_STALL_TIMEOUT_MS', env.SIMULATOR_STALL_TIMEOUT_MS, d.stallTimeoutMs, 100, 3_600_000),
    }),
  })
}
