import { formatCounts, runFuzz } from './run-fuzz.js'

/**
 * `npm run fuzz [requests] [seconds]`: the long run (default 10,000
 * requests, at most 30 minutes). Prints the status counts; exits 1 at the
 * first broken invariant, with fast-check's report and the request.
 * `FUZZ_SEED=n` replays a run; `FUZZ_TRACE=file` appends each request to
 * `file` before it is sent (to find what a crash or a later failure followed).
 */
const requests = Number(process.argv[2] ?? 10_000)
const seconds = Number(process.argv[3] ?? 1800)
const seed = process.env.FUZZ_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED)
console.log(`fuzz: seed ${seed}`)
try {
  const r = await runFuzz({ requests, timeLimitMs: seconds * 1000, seed })
  const errors = [...r.counts.entries()].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0)
  console.log(`fuzz: ${r.sent} requests over ${r.operations} operations in ${r.seconds.toFixed(0)} s (seed ${r.seed})`)
  console.log(`statuses: ${formatCounts(r.counts)}`)
  console.log(`responses >= 500: ${errors}; crashes: 0`)
  process.exit(errors === 0 ? 0 : 1)
} catch (err) {
  console.error(err instanceof Error ? err.message : err)
  if (err instanceof Error && err.cause !== undefined) console.error('cause:', err.cause instanceof Error ? err.cause.message : err.cause)
  process.exit(1)
}
