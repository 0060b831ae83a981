import { VigilError } from '../errors.js'

/** What the live simulator may cost the server: its rate, its readers and their buffers. */
export interface SimulatorLimits {
  /** Rows the live simulator may emit per second, bursts included; a config asking for more is refused. */
  readonly maxRate: number
  /** Open GET /simulator/stream connections; one more is refused with 429. */
  readonly maxStreams: number
  /** Text buffered for one reader that is not reading; rows beyond it are dropped. */
  readonly streamBufferBytes: number
  /** A reader whose buffer stays full this long is disconnected. */
  readonly stallTimeoutMs: number
}

export const DEFAULT_SIMULATOR_LIMITS: SimulatorLimits = Object.freeze({
  maxRate: 1000,
  maxStreams: 4,
  streamBufferBytes: 256 * 1024,
  stallTimeoutMs: 10_000,
})

/** 429: every stream slot is taken; `retry_after` (seconds) becomes the Retry-After header. */
export class StreamLimitError extends VigilError {
  constructor(maxStreams: number) {
    super(
      429,
      `${maxStreams} simulator ${maxStreams === 1 ? 'stream is' : 'streams are'} already open, the limit (SIMULATOR_MAX_STREAMS); close one or try again later`,
      { field: 'stream', limit: maxStreams, retry_after: 10 },
    )
  }
}
