import { describe, expect, it } from 'vitest'
import { formatCounts, runFuzz } from './run-fuzz.js'

/**
 * CI's share of the fuzz suite: a bounded run (FUZZ_REQUESTS, default 1,500,
 * and at most FUZZ_SECONDS, default 150) over every route of the OpenAPI
 * document. `npm run fuzz` runs 10,000 and prints the same counts.
 */
describe('fuzzed requests from the OpenAPI document', () => {
  const requests = Number(process.env.FUZZ_REQUESTS ?? 1500)
  const seconds = Number(process.env.FUZZ_SECONDS ?? 150)
  it(`${requests} requests: no status ≥ 500, no crash, refusals leave storage unchanged`, { timeout: (seconds + 120) * 1000 }, async () => {
    const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED)
    const result = await runFuzz({ requests, timeLimitMs: seconds * 1000, seed })
    console.log(`fuzz: ${result.sent} requests over ${result.operations} operations in ${result.seconds.toFixed(0)} s (seed ${result.seed}); statuses ${formatCounts(result.counts)}`)
    expect([...result.counts.keys()].filter((s) => s >= 500)).toEqual([])
    expect(result.sent).toBeGreaterThan(0)
  })
})
