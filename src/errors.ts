/**
 * Domain errors. Core modules throw these; the HTTP layer maps `statusCode`
 * to the response in exactly one place (the app's error handler). Nothing here
 * imports Fastify.
 */

/** Extra machine-readable facts about a bad input: which field, what value, what limit. */
export interface ErrorDetails {
  readonly field?: string
  readonly value?: unknown
  readonly limit?: unknown
  readonly [key: string]: unknown
}

export class VigilError extends Error {
  readonly statusCode: number
  readonly details: ErrorDetails

  constructor(statusCode: number, message: string, details: ErrorDetails = {}) {
    super(message)
    this.name = new.target.name
    this.statusCode = statusCode
    this.details = details
  }
}

/** 400: the request is well-formed JSON but its content cannot be used. */
export class InvalidInputError extends VigilError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(400, message, details)
  }
}

/** 404: a dataset, model, version or alias that does not exist. */
export class NotFoundError extends VigilError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(404, message, details)
  }
}

/** 409: the name is taken, or the resource changed under the request. */
export class ConflictError extends VigilError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(409, message, details)
  }
}

/** 413: an upload or body larger than the configured limit. */
export class PayloadTooLargeError extends VigilError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(413, message, details)
  }
}

/** 400: a known but unsupported choice (an algorithm not available yet, a stored format this build cannot read). */
export class UnsupportedError extends VigilError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(400, message, details)
  }
}
