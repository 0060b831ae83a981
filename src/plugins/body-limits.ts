import type { FastifyInstance, preValidationHookHandler, RouteOptions } from 'fastify'
import { PayloadTooLargeError } from '../errors.js'
import type { Limits } from '../config-limits.js'

/** Routes whose JSON bodies are batches of rows: they get MAX_BATCH_BODY_SIZE and MAX_BATCH_ROWS. */
export const BATCH_ROUTES: ReadonlySet<string> = new Set(['/predict-batch'])
/** Routes that take batches of request events: MAX_BATCH_BODY_SIZE, events counted by the route. */
const EVENT_ROUTES = new Set(['/monitors/:name/events'])
/** Routes that take the leaves of a whole time point (POST /localize): MAX_BATCH_BODY_SIZE. */
const LEAF_ROUTES = new Set(['/localize'])

/**
 * Body limits per route, in one table rather than in every route file:
 * MAX_BODY_SIZE (small) for every JSON body, MAX_BATCH_BODY_SIZE for batches
 * of rows, and MAX_UPLOAD_SIZE only for the file of a multipart upload (the
 * multipart plugin meters it; see app.ts). A batch of more than
 * MAX_BATCH_ROWS rows is refused before its rows are validated. Must be
 * registered before the routes.
 */
export function registerBodyLimits(app: FastifyInstance, limits: Limits): void {
  const tooManyRows: preValidationHookHandler = async (request) => {
    const body = request.body
    const rows = body !== null && typeof body === 'object' && 'data' in body && Array.isArray(body.data) ? body.data.length : 0
    if (rows > limits.maxBatchRows) {
      throw new PayloadTooLargeError(`body.data has ${rows} rows; the limit is ${limits.maxBatchRows} rows per batch (MAX_BATCH_ROWS)`, {
        field: 'data',
        value: rows,
        limit: limits.maxBatchRows,
      })
    }
  }
  app.addHook('onRoute', (route: RouteOptions) => {
    const batch = BATCH_ROUTES.has(route.url)
    const big = batch || EVENT_ROUTES.has(route.url) || LEAF_ROUTES.has(route.url)
    route.bodyLimit ??= big ? limits.maxBatchBodyBytes : limits.maxBodyBytes
    route.config = { ...route.config, bodyLimitSetting: big ? 'MAX_BATCH_BODY_SIZE' : 'MAX_BODY_SIZE' }
    if (batch) route.preValidation = [...toArray(route.preValidation), tooManyRows]
  })
}

function toArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}
