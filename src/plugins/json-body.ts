import type { FastifyInstance } from 'fastify'
import { InvalidInputError } from '../errors.js'
import { JsonShapeScanner } from '../ingest/json-shape.js'
import { keepBatchText } from './batch-body-text.js'
import { markIfOverflowing } from './finite-numbers.js'
import { findPollutingKey } from './polluting-key.js'

/**
 * Fastify's JSON body parser, replaced by one that refuses what would hurt
 * later: nesting deeper than MAX_JSON_DEPTH (checked on the raw bytes before
 * parsing, so nothing recursive ever sees such a body) and prototype-pollution
 * keys (`__proto__`, `constructor.prototype`), each with its own message.
 * The route's body limit still applies first (body-limits.ts).
 */
export function registerJsonBodyParser(app: FastifyInstance, maxDepth: number): void {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, raw, done) => {
    const bytes = typeof raw === 'string' ? Buffer.from(raw) : raw
    try {
      done(
        null,
        parseJsonBody(bytes, maxDepth, (text) => {
          markIfOverflowing(request, text)
          keepBatchText(request, text)
        }),
      )
    } catch (err) {
      done(err instanceof Error ? err : new Error(String(err)), undefined)
    }
  })
}

/** Parse a JSON request body or throw a 400 naming what is wrong with it. */
export function parseJsonBody(bytes: Buffer, maxDepth: number, inspect?: (text: string) => void): unknown {
  const scanner = new JsonShapeScanner(maxDepth)
  scanner.push(bytes)
  if (scanner.maxDepth > maxDepth) {
    throw new InvalidInputError(`the JSON body nests arrays and objects more than ${maxDepth} levels deep (MAX_JSON_DEPTH)`, {
      field: 'body',
      limit: maxDepth,
    })
  }
  const decoded = bytes.toString('utf8')
  // a byte-order mark is not JSON, but some clients send one
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded
  inspect?.(text)
  if (text.trim() === '') throw new InvalidInputError("the body is empty but content-type is 'application/json'; send a JSON object", { field: 'body' })
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (err) {
    // V8 quotes the start of the body in some messages ('Unexpected token …, "{"user_id": …" is not valid JSON'): it may be
    // personal data (docs/privacy.md) and this message is logged, so the excerpt is cut and the token and position kept
    const reason = (err instanceof Error ? err.message : String(err)).replace(/, "[\s\S]*" is not valid JSON$/, ' (excerpt of the body not shown)')
    throw new InvalidInputError(`the body is not valid JSON: ${reason}`, { field: 'body' })
  }
  // the walk only when the text could hold such a key (spelled out, or hidden behind a \u escape)
  const suspicious = text.includes('__proto__') || text.includes('constructor') || text.includes('\\u')
  const polluting = suspicious ? findPollutingKey(body) : undefined
  if (polluting !== undefined) {
    throw new InvalidInputError(`body.${polluting} is refused: keys named '__proto__', or 'prototype' inside 'constructor', can change every object of the server (prototype pollution)`, {
      field: polluting,
    })
  }
  return body
}
