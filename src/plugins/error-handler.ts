import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { VigilError } from '../errors.js'

interface ValidationIssue {
  readonly instancePath: string
  readonly keyword: string
  readonly message?: string | undefined
  readonly params: Record<string, unknown>
}

/**
 * The one place errors become HTTP: domain errors keep their status and
 * message; schema failures name the field, the value and the limit; anything
 * else is a 500 whose text is hidden and whose details are logged with the
 * request id.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof VigilError) {
      request.log.info({ err: err.message, status: err.statusCode }, 'request refused')
      return send(reply, request, err.statusCode, err.message, err.details)
    }
    if (err.validation && err.validation.length > 0) {
      const issue = err.validation[0] as ValidationIssue
      const { message, details } = describeValidation(issue, err.validationContext ?? 'body', request)
      request.log.info({ err: message }, 'request refused')
      return send(reply, request, 400, message, details)
    }
    const status = err.statusCode ?? 500
    if (status < 500) {
      request.log.info({ err: err.message, status }, 'request refused')
      return send(reply, request, status, err.message, {})
    }
    request.log.error({ err }, 'request failed')
    return send(reply, request, 500, 'internal error; the server log has the details under this request_id', {})
  })
  app.setNotFoundHandler((request, reply) =>
    send(reply, request, 404, `no route ${request.method} ${request.url.split('?')[0]}; see /docs for the API`, {}),
  )
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, message: string, details: Record<string, unknown>) {
  return reply.status(status).send({ error: message, status_code: status, ...details, request_id: request.id })
}

function describeValidation(issue: ValidationIssue, context: string, request: FastifyRequest) {
  const segments = issue.instancePath.split('/').filter(Boolean)
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
  const value = segments.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), source)
  const limit = issue.params.limit ?? issue.params.allowedValues ?? issue.params.pattern ?? issue.params.type
  const where = field ? `${context}.${field}` : context
  return {
    message: `${where} ${issue.message ?? 'is invalid'}; got ${JSON.stringify(value) ?? 'nothing'}`,
    details: { field: field || context, value, ...(limit === undefined ? {} : { limit }) },
  }
}
