import type { FastifyError, FastifyRequest } from 'fastify'
import { formatByteSize } from '../byte-size.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The setting that sizes this route's body limit, for the 413 message (body-limits.ts). */
    bodyLimitSetting?: string
  }
}

export interface ClientErrorDescription {
  readonly status: number
  readonly message: string
  readonly details: Readonly<Record<string, unknown>>
}

/** Fastify's default `maxParamLength`: ids are at most 64 characters, `model@version` a little more. */
const MAX_PARAM_LENGTH = 100

/** Multipart limits as @fastify/multipart reports them (fields, files, parts). */
const MULTIPART_LIMITS: Readonly<Record<string, string>> = {
  FST_FILES_LIMIT: 'the upload carries more than one file; send one file in the field `file`',
  FST_FIELDS_LIMIT: 'the upload carries too many form fields; send one file in the field `file`',
  FST_PARTS_LIMIT: 'the upload carries too many parts; send one file in the field `file`',
  FST_PROTO_VIOLATION: "a form field is named '__proto__' or 'constructor', which is refused (prototype pollution)",
}

/**
 * Fastify's own refusals of a request (body over the route's limit,
 * multipart limits) in the project's words: which limit, how large, and
 * which setting raises it. Undefined for anything else.
 */
export function describeClientError(err: FastifyError, request: FastifyRequest): ClientErrorDescription | undefined {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = request.routeOptions.bodyLimit
    const setting = request.routeOptions.config.bodyLimitSetting ?? 'MAX_BODY_SIZE'
    const route = `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0] ?? ''}`
    return {
      status: 413,
      message: `the request body is larger than the limit of ${formatByteSize(limit)} for ${route} (${setting})`,
      details: { field: 'body', limit },
    }
  }
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return { status: 414, message: `a path segment of ${request.method} ${request.url.split('?')[0]?.slice(0, 80) ?? ''}… is longer than ${MAX_PARAM_LENGTH} characters`, details: { limit: MAX_PARAM_LENGTH } }
  }
  if (err.code === 'FST_ERR_BAD_URL') return { status: 400, message: 'the URL is malformed (an invalid percent-encoding?)', details: {} }
  const multipart = err.code === undefined ? undefined : MULTIPART_LIMITS[err.code]
  if (multipart !== undefined) return { status: err.statusCode ?? 400, message: multipart, details: { field: 'file' } }
  return undefined
}
