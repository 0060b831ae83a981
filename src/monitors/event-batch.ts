import type { Actor } from '../abuse/actor.js'
import { InvalidInputError } from '../errors.js'
import type { MonitorConfig } from './monitor-config.js'
import { checkRequestEvent, type RequestEvent } from './request-event.js'

/** Bad events reported back by line, at most this many (all are counted). */
export const MAX_REPORTED_ERRORS = 20

export interface BatchError {
  /** NDJSON line number, or position in the JSON array, counting from 1. */
  readonly line: number
  readonly error: string
}

export interface ParsedBatch {
  readonly events: RequestEvent[]
  readonly rejected: number
  readonly errors: BatchError[]
}

/**
 * Validate a batch of request events: a decoded JSON array, or NDJSON text
 * (one event per line; blank lines are skipped). Bad events are counted and
 * the first ones reported with their line, never dropped silently; a batch
 * with no usable event at all is a 400. `prepare` (the monitor's extension:
 * pseudonyms, entity fields) sees each decoded event first and may rewrite
 * it, so no check below ever quotes a raw personal value.
 */
export function parseEventBatch(body: unknown, config: MonitorConfig, prepare?: (record: Record<string, unknown>) => Actor | string | undefined): ParsedBatch {
  const events: RequestEvent[] = []
  const errors: BatchError[] = []
  let rejected = 0
  const reject = (line: number, error: string): void => {
    rejected++
    if (errors.length < MAX_REPORTED_ERRORS) errors.push({ line, error })
  }
  const take = (raw: unknown, line: number): void => {
    let actor: Actor | undefined
    if (prepare !== undefined && typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const prepared = prepare(raw as Record<string, unknown>)
      if (typeof prepared === 'string') {
        reject(line, prepared)
        return
      }
      actor = prepared
    }
    const checked = checkRequestEvent(raw, config, actor)
    if (typeof checked === 'string') reject(line, checked)
    else events.push(checked)
  }
  if (Array.isArray(body)) {
    for (let i = 0; i < body.length; i++) take(body[i], i + 1)
  } else if (typeof body === 'string') {
    let line = 0
    let start = 0
    while (start <= body.length) {
      let end = body.indexOf('\n', start)
      if (end < 0) end = body.length
      line++
      const text = body.slice(start, end).trim()
      start = end + 1
      if (text === '') continue
      let raw: unknown
      try {
        raw = JSON.parse(text)
      } catch {
        reject(line, 'not valid JSON')
        continue
      }
      take(raw, line)
    }
  } else {
    throw new InvalidInputError('the body must be a JSON array of events, or NDJSON (Content-Type: application/x-ndjson) with one event per line', { field: 'body' })
  }
  if (events.length === 0) {
    const first = errors[0]
    throw new InvalidInputError(
      rejected === 0 ? 'the batch holds no events' : `none of the ${rejected} events is usable; line ${first?.line}: ${first?.error}`,
      { field: 'body', rejected, errors },
    )
  }
  return { events, rejected, errors }
}
