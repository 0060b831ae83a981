/** Command-line options of `npm run bench:regressions`. */
import { parseArgs } from 'node:util'
import { positiveOption, UsageError } from '../cli-options.js'

export interface BenchShape {
  /** Simulated days of each run (the injected one and the clean one). */
  readonly days: number
  /** Requests per minute of the whole service (mean over a week). */
  readonly ratePerMinute: number
  /** Random regressions per class (system_errors, user_errors, latency, traffic drop, traffic spike). */
  readonly perType: number
  readonly seed: number
  /** Also replay a run with no regression (false incidents on clean traffic). */
  readonly clean: boolean
  /** Rewrite docs/benchmarks-regressions.md. */
  readonly writeDoc: boolean
  readonly quick: boolean
  /** A PX simulator config (JSON file) to replay instead of the planned run: for reproducing one case. */
  readonly config?: string | undefined
}

export const USAGE = `npm run bench:regressions [-- options]
  --days N                   simulated days per run (default 7: the issue's week)
  --rate R                   requests per minute of the whole service (default 1800 = 30/s, the simulator's default)
  --regressions-per-type K   random regressions per class: system_errors, user_errors, latency, traffic drop, traffic spike (default 20)
  --seed S                   simulator seed (default 1)
  --no-clean                 skip the run without regressions
  --quick                    CI smoke: 1 day at 180 requests/min, 3 per class (~70 s of CPU); does not rewrite the doc
  --config FILE              replay this PX simulator config (JSON, PxTrafficConfigInput) instead of the planned runs and print
                             every regression and false incident (reproducing one case); implies --no-clean --no-doc
  --doc / --no-doc           rewrite docs/benchmarks-regressions.md (default: yes, no with --quick)`

export { UsageError }

export function parseBenchOptions(argv: readonly string[]): BenchShape {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      days: { type: 'string' },
      rate: { type: 'string' },
      'regressions-per-type': { type: 'string' },
      seed: { type: 'string' },
      'no-clean': { type: 'boolean' },
      quick: { type: 'boolean' },
      doc: { type: 'boolean' },
      'no-doc': { type: 'boolean' },
      help: { type: 'boolean' },
      config: { type: 'string' },
    },
    strict: true,
  })
  if (values.help === true) throw new UsageError(USAGE)
  const quick = values.quick === true
  return {
    days: positiveOption('days', values.days, quick ? 1 : 7, false),
    ratePerMinute: positiveOption('rate', values.rate, quick ? 180 : 1800, false),
    perType: positiveOption('regressions-per-type', values['regressions-per-type'], quick ? 3 : 20, true),
    seed: positiveOption('seed', values.seed, 1, true),
    clean: values['no-clean'] !== true && values.config === undefined,
    writeDoc: values['no-doc'] === true || values.config !== undefined ? false : values.doc === true || !quick,
    quick,
    config: values.config,
  }
}
