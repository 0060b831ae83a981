import { VigilError, type ErrorDetails } from '../errors.js'

/** An error as it crosses a thread boundary: domain errors keep their status, message and details. */
export interface SerializedError {
  readonly message: string
  readonly statusCode?: number | undefined
  readonly details?: ErrorDetails | undefined
  readonly stack?: string | undefined
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof VigilError) return { message: err.message, statusCode: err.statusCode, details: err.details }
  if (err instanceof Error) return { message: err.message, stack: err.stack }
  return { message: String(err) }
}

/** Rebuild the error on the receiving thread: a `VigilError` with the same status (so a 4xx stays a 4xx), or a plain `Error`. */
export function deserializeError(e: SerializedError): Error {
  if (e.statusCode !== undefined) return new VigilError(e.statusCode, e.message, e.details ?? {})
  const err = new Error(e.message)
  if (e.stack !== undefined) err.stack = e.stack
  return err
}
