/**
 * What each refusal means and a body it really sends, by status: the
 * OpenAPI document gives every error response of every route these unless
 * the route says more, so a 404 is documented with a 404 body.
 */
export interface ErrorDoc {
  readonly description: string
  readonly example: Readonly<Record<string, unknown>>
}

const REQUEST_ID = 'req-4f1c2a'

/** What a 404 says, by the path parameter that named the missing thing (the first one in the path). */
const NOT_FOUND: Readonly<Record<string, { readonly value: string; readonly error: string }>> = {
  model_id: { value: 'fraud-detector', error: "model 'fraud-detector' not found" },
  dataset_id: { value: '0f8fad5b-d9cb-469f-a165-70867728950e', error: "dataset '0f8fad5b-d9cb-469f-a165-70867728950e' not found" },
  job_id: { value: 'job-5d2e8a1b9c07', error: "job 'job-5d2e8a1b9c07' not found" },
  incident_id: { value: 'inc-20240312T101642310Z-3f9a2b1c', error: "incident 'inc-20240312T101642310Z-3f9a2b1c' not found" },
  name: { value: 'checkout', error: "monitor 'checkout' does not exist" },
  id: { value: '9b2f6c1e-4d7a-4e8b-a1c3-5f6e7d8c9b0a', error: "simulator feed '9b2f6c1e-4d7a-4e8b-a1c3-5f6e7d8c9b0a' does not exist" },
}

/** A 404 body for a route whose path names the missing thing with `{param}`. */
export function notFoundExample(path: string): Readonly<Record<string, unknown>> | undefined {
  const param = /\{([a-z_]+)\}/.exec(path)?.[1]
  const known = param === undefined ? undefined : NOT_FOUND[param]
  return known === undefined ? undefined : { error: known.error, status_code: 404, field: param, value: known.value, request_id: REQUEST_ID }
}

export const ERROR_DOCS: Readonly<Record<string, ErrorDoc>> = {
  400: {
    description: 'Bad input: the body names the field, the value and the limit.',
    example: { error: 'body/contamination must be <= 0.5; got 0.7', status_code: 400, field: 'contamination', value: 0.7, limit: 0.5, request_id: REQUEST_ID },
  },
  404: {
    description: 'The dataset, model, version, alias, job, monitor or incident named in the path does not exist.',
    example: { error: "model 'fraud-detector' not found", status_code: 404, field: 'model_id', value: 'fraud-detector', request_id: REQUEST_ID },
  },
  409: {
    description: 'Conflicts with the current state: a name already taken, a job that can no longer be cancelled, an incident already resolved, a running simulator.',
    example: { error: "job 'job-3f9a2b1c0d4e' already succeeded; only queued or running jobs can be cancelled", status_code: 409, field: 'job_id', value: 'job-3f9a2b1c0d4e', request_id: REQUEST_ID },
  },
  413: {
    description: 'Over a size limit (upload, body or batch rows); the body names the limit and its variable.',
    example: { error: 'body.data has 150000 rows; the limit is 100000 rows per batch (MAX_BATCH_ROWS)', status_code: 413, field: 'data', value: 150000, limit: 100000, request_id: REQUEST_ID },
  },
  429: {
    description: 'Too many waiting: the job queue (or the stream slots) is full; retry after the Retry-After header, in seconds.',
    example: { error: 'the job queue is full: 16 jobs are waiting (JOB_QUEUE_LIMIT is 16); retry in about 12 s', status_code: 429, retry_after: 12, request_id: REQUEST_ID },
  },
  503: {
    description: 'Starting or shutting down: not taking this request now.',
    example: { error: 'shutting down: finishing or cancelling jobs', status_code: 503, request_id: REQUEST_ID },
  },
}
