import { VigilError, type ErrorDetails } from '../errors.js'

/** 429: the job queue is full; `retry_after` (seconds) becomes the Retry-After header. */
export class QueueFullError extends VigilError {
  constructor(message: string, details: ErrorDetails & { readonly retry_after: number }) {
    super(429, message, details)
  }
}

/** 503: the service is starting or shutting down. */
export class UnavailableError extends VigilError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(503, message, details)
  }
}

/** Why a job stopped early: cancelled by a request (409 for whoever waited on it), or by shutdown (503). */
export class JobCancelledError extends VigilError {}

export const SHUTTING_DOWN = 'server shutting down'
export const INTERRUPTED = 'interrupted by restart'
