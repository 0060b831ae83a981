import fc from 'fast-check'
import { FuzzSession } from './fuzz-session.js'
import { openApiRequests } from './openapi-requests.js'

export interface FuzzRunOptions {
  readonly requests: number
  /** Stop early (not a failure) after this long. */
  readonly timeLimitMs: number
  readonly seed?: number | undefined
}

export interface FuzzRunResult {
  readonly sent: number
  readonly counts: ReadonlyMap<number, number>
  readonly operations: number
  readonly seconds: number
  readonly seed: number
}

/**
 * Fuzzed requests over every operation of the OpenAPI document against one
 * app (fixtures and invariants: fuzz-session.ts). Throws, with fast-check's
 * report (seed, path, the shrunk request), at the first broken invariant.
 */
export async function runFuzz(options: FuzzRunOptions): Promise<FuzzRunResult> {
  const session = await FuzzSession.start()
  const started = performance.now()
  const seed = options.seed ?? Date.now() % 2 ** 31
  try {
    const requests = openApiRequests(session.doc, session.known)
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        await session.send(request)
      }),
      { numRuns: options.requests, seed, interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false, endOnFailure: false },
    )
    await session.housekeeping()
    const operations = Object.values(session.doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0)
    return { sent: session.sent, counts: session.counts, operations, seconds: (performance.now() - started) / 1000, seed }
  } finally {
    await session.close()
  }
}

export function formatCounts(counts: ReadonlyMap<number, number>): string {
  return [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ')
}
