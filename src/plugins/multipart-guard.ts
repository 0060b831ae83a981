import type { FastifyInstance, FastifyRequest } from 'fastify'
import { InvalidInputError, VigilError } from '../errors.js'

/** RFC 2046: a boundary is 1 to 70 characters. */
const MAX_BOUNDARY = 70

/**
 * Malformed multipart requests are the client's mistake, so they get a 400
 * naming it, never a 500: a multipart content type without a usable
 * `boundary=` is refused before the parser sees it, and anything the parser
 * throws while looking for the file (a body cut short, a malformed part
 * header) becomes a 400 too. Errors while the file itself streams are
 * mapped where it is read (ingest/receive-file.ts).
 */
export function registerMultipartGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const type = request.headers['content-type']
    if (typeof type !== 'string' || !/^\s*multipart\//i.test(type)) return
    const boundary = boundaryOf(type)
    if (boundary === undefined || boundary === '') {
      throw new InvalidInputError("the multipart content-type has no boundary; send 'multipart/form-data; boundary=…' (any HTTP client's form upload does)", {
        field: 'content-type',
      })
    }
    if (boundary.length > MAX_BOUNDARY) {
      throw new InvalidInputError(`the multipart boundary is ${boundary.length} characters long; at most ${MAX_BOUNDARY} are allowed (RFC 2046)`, {
        field: 'content-type',
        limit: MAX_BOUNDARY,
      })
    }
    guardFile(request)
  })
}

/** `request.file()`, with the parser's own errors turned into a 400. */
function guardFile(request: FastifyRequest): void {
  const file = request.file.bind(request)
  const guarded: typeof request.file = async (options) => {
    try {
      return await file(options)
    } catch (err) {
      throw malformed(err)
    }
  }
  request.file = guarded
}

/** Errors that already carry a status (limits, a closed connection) keep it; the parser's plain errors are the body's fault. */
export function malformed(err: unknown): unknown {
  if (err instanceof VigilError) return err
  if (err instanceof Error && 'statusCode' in err && typeof err.statusCode === 'number') return err
  const reason = err instanceof Error ? err.message : String(err)
  return new InvalidInputError(`the multipart body is malformed: ${reason}`, { field: 'file' })
}

function boundaryOf(contentType: string): string | undefined {
  for (const param of contentType.split(';').slice(1)) {
    const eq = param.indexOf('=')
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'boundary') continue
    const value = param.slice(eq + 1).trim()
    return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value
  }
  return undefined
}
