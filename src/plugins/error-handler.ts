import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { VigilError } from '../errors.js'
import { boundedValue, previewValue } from '../value-preview.js'
import { describeClientError } from './client-errors.js'

interface ValidationIssue {
  readonly instancePath: string
  readonly keyword: string
  readonly message?: string | undefined
  readonly params: Record<string, unknown>
}

interface Described {
  readonly status: number
  readonly message: string
  readonly details: Readonly<Record<string, unknown>>
}

/** Longest message an error body carries; longer ones are cut with '…'. */
const MESSAGE_MAX = 1000
/** Longest preview of a value (the rejected value, a list of allowed values) in an error body. */
const VALUE_MAX = 300

/**
 * The one place errors become HTTP: domain errors keep their status and
 * message; schema failures name the field, the value and the limit; anything
 * else is a 500 whose text is hidden and whose details are logged with the
 * request id. The handler itself cannot fail: the rejected value is previewed
 * by a bounded, iterative walk (never stringified whole), every value in the
 * body is cut to a few hundred characters here and only here, and should
 * describing the error still throw, a plain 500 body is sent.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(replyWithError)
  app.setNotFoundHandler((request, reply) =>
    send(reply, request, 404, `no route ${request.method} ${request.url.split('?')[0] ?? ''}; see /docs for the API`, {}),
  )
}

/**
 * Fastify's own refusals before a route is found (a path segment over the
 * router's length limit, a malformed URL) go through the same handler, so
 * they too get the project's error body.
 */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void replyWithError(err, request, reply)
}

function replyWithError(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let described: Described
  try {
    described = describe(err, request)
  } catch (failure) {
    request.log.error({ failure: String(failure) }, 'could not describe an error')
    described = internal()
  }
  if (described.status >= 500) request.log.error({ err }, 'request failed')
  else request.log.info({ err: described.message.slice(0, MESSAGE_MAX), status: described.status }, 'request refused')
  return send(reply, request, described.status, described.message, described.details)
}

function describe(err: FastifyError, request: FastifyRequest): Described {
  if (err instanceof VigilError) return { status: err.statusCode, message: err.message, details: err.details }
  if (err.validation && err.validation.length > 0) {
    const issues = err.validation as readonly ValidationIssue[]
    const { message, details } = describeValidation(issues, err.validationContext ?? 'body', request)
    return { status: 400, message, details }
  }
  const client = describeClientError(err, request)
  if (client) return client
  const status = err.statusCode ?? 500
  if (status >= 400 && status < 500) return { status, message: err.message, details: {} }
  return internal()
}

function internal(): Described {
  return { status: 500, message: 'internal error; the server log has the details under this request_id', details: {} }
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, message: string, details: Readonly<Record<string, unknown>>) {
  const bounded: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(details)) bounded[key] = boundedValue(value, VALUE_MAX)
  const text = message.length > MESSAGE_MAX ? `${message.slice(0, MESSAGE_MAX - 1)}…` : message
  return reply.status(status).send({ error: text, status_code: status, ...bounded, request_id: request.id })
}

function describeValidation(issues: readonly ValidationIssue[], context: string, request: FastifyRequest) {
  const issue = issues[0] as ValidationIssue
  const segments = issue.instancePath.split('/').filter(Boolean).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
  let field = segments.join('.')
  if (issue.keyword === 'required' && typeof issue.params.missingProperty === 'string') {
    field = [...segments, issue.params.missingProperty].join('.')
    return { message: `${context}.${field} is required`, details: { field } }
  }
  if (issue.keyword === 'additionalProperties' && typeof issue.params.additionalProperty === 'string') {
    field = [...segments, issue.params.additionalProperty].join('.')
    return { message: `${context}.${field} is not a known field`, details: { field } }
  }
  const source = context === 'body' ? request.body : context === 'querystring' ? request.query : context === 'params' ? request.params : undefined
  let value: unknown = source
  for (const key of segments) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined
  const where = field ? `${context}.${field}` : context
  const got = previewValue(value, VALUE_MAX / 3).text
  // a union of literals (the algorithm names) fails once per branch: list them all
  const allowed = issues.filter((i) => i.keyword === 'const' && i.instancePath === issue.instancePath).map((i) => i.params.allowedValue)
  if (allowed.length > 1) {
    return {
      message: `${where} must be one of ${allowed.map((a) => (typeof a === 'string' ? a : previewValue(a, 60).text)).join(', ')}; got ${got}`,
      details: { field: field || context, value, limit: allowed },
    }
  }
  const limit = issue.params.limit ?? issue.params.allowedValues ?? issue.params.allowedValue ?? issue.params.pattern ?? issue.params.type
  return {
    message: `${where} ${issue.message ?? 'is invalid'}; got ${got}`,
    details: { field: field || context, value, ...(limit === undefined ? {} : { limit }) },
  }
}
