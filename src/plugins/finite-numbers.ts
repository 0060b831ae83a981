import type { FastifyInstance, FastifyRequest } from 'fastify'
import { InvalidInputError } from '../errors.js'

/** Bodies whose text holds something that can become ±Infinity (marked by the JSON parser). */
const suspect = new WeakSet<FastifyRequest>()

/** `1e309`, `"1E+400"`, `"Infinity"`: text that reads as a non-finite number. */
const OVERFLOWING = /Infinity|[eE]\+?0*[1-9]\d{2,}/

/** Called by the JSON body parser with the raw text. */
export function markIfOverflowing(request: FastifyRequest, text: string): void {
  if (OVERFLOWING.test(text)) suspect.add(request)
}

/**
 * No number that reaches a handler is ±Infinity or NaN. Ajv refuses `1e999`
 * for a number field, but its type coercion turns the string "1e309" into
 * Infinity after the check; a threshold of Infinity was then stored as
 * `null` and the version could never be loaded again. After validation, the
 * query and path parameters are walked always (they are small), a body only
 * when its text held such a value; the first non-finite number is a 400
 * naming it.
 */
export function registerFiniteNumbers(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const found = nonFinite(request.params, 'params') ?? nonFinite(request.query, 'querystring') ?? (suspect.has(request) ? nonFinite(request.body, 'body') : undefined)
    if (found !== undefined) {
      throw new InvalidInputError(`${found.path} must be a finite number; got ${String(found.value)} (a value like "1e309" overflows)`, {
        field: found.path.replace(/^(body|querystring|params)\.?/, ''),
      })
    }
  })
}

function nonFinite(value: unknown, root: string): { path: string; value: number } | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: root }]
  while (stack.length > 0) {
    const { value: node, path } = stack.pop() as { value: unknown; path: string }
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) return { path, value: node }
      continue
    }
    if (node === null || typeof node !== 'object') continue
    if (Array.isArray(node)) node.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]` }))
    else for (const [key, inner] of Object.entries(node)) stack.push({ value: inner, path: `${path}.${key}` })
  }
  return undefined
}
