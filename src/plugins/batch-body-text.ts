import type { FastifyRequest } from 'fastify'
import { BATCH_ROUTES } from './body-limits.js'

/** The JSON text of each batch body, while its request lives. */
const texts = new WeakMap<FastifyRequest, string>()

/**
 * Keep the text of a batch body as the JSON parser read it. A large batch is
 * scored in a worker thread, and handing it 100,000 parsed rows costs a
 * structured clone on the event loop (about as long as parsing them again);
 * the text crosses as one string copy, and the worker parses it itself.
 */
export function keepBatchText(request: FastifyRequest, text: string): void {
  if (BATCH_ROUTES.has(request.routeOptions.url ?? '')) texts.set(request, text)
}

/** The body text of a batch request, once its body was parsed from JSON. */
export function batchText(request: FastifyRequest): string | undefined {
  return texts.get(request)
}
