/** Command-line options of `npm run bench:abuse`. */
import { parseArgs } from 'node:util'
import { positiveOption, UsageError } from '../cli-options.js'

export interface AbuseBenchShape {
  /** Simulated days. */
  readonly days: number
  /** Requests per second of the whole service (mean over a week). */
  readonly ratePerSecond: number
  /** Attacking entities per attack type. */
  readonly perType: number
  readonly seed: number
  readonly users: number
  readonly ips: number
  /** Rewrite docs/benchmarks-abuse.md. */
  readonly writeDoc: boolean
  readonly quick: boolean
}

export const USAGE = `npm run bench:abuse [-- options]
  --days N           simulated days (default 1)
  --rate R           requests per second of the whole service (default 10; the simulator's default is 30)
  --per-type K       attacking entities per attack type: card_testing, ddos, fuzzing (default 20)
  --seed S           simulator seed (default 1)
  --users N          ordinary users (default 1000000)
  --ips N            addresses they call from (default 200000)
  --quick            smoke run (~1-2 min): 1 day at 1 request/s, 3 per type, one benign heavy user of each kind; does not rewrite the doc
  --doc / --no-doc   rewrite docs/benchmarks-abuse.md (default: yes, no with --quick)`

export { UsageError }

export function parseAbuseOptions(argv: readonly string[]): AbuseBenchShape {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      days: { type: 'string' },
      rate: { type: 'string' },
      'per-type': { type: 'string' },
      seed: { type: 'string' },
      users: { type: 'string' },
      ips: { type: 'string' },
      quick: { type: 'boolean' },
      doc: { type: 'boolean' },
      'no-doc': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  })
  if (values.help === true) throw new UsageError(USAGE)
  const quick = values.quick === true
  return {
    days: positiveOption('days', values.days, 1, false),
    ratePerSecond: positiveOption('rate', values.rate, quick ? 1 : 10, false),
    perType: positiveOption('per-type', values['per-type'], quick ? 3 : 20, true),
    seed: positiveOption('seed', values.seed, 1, true),
    users: positiveOption('users', values.users, 1_000_000, true),
    ips: positiveOption('ips', values.ips, 200_000, true),
    writeDoc: values['no-doc'] === true ? false : values.doc === true || !quick,
    quick,
  }
}
