import { parseArgs } from 'node:util'
import { InvalidInputError } from '../../errors.js'
import type { PxTrafficConfigInput } from './config-schema.js'

export const PX_USAGE = `Usage: npm run simulate:px -- --out DIR [options]

  --out DIR              folder to write events.ndjson (or events.ndjson.gz) and labels.json into
  --days N               simulated days (default 7; fractions allowed, e.g. 0.25)
  --rate N               mean requests per second over a week (default 30)
  --seed N               seed; the same seed and options give byte-identical files (default 1)
  --start ISO            event time of the first request (default 2025-01-06T00:00:00.000Z, a Monday)
  --scenarios LIST       003 | random | abuse | none, or a comma list such as 003,random,abuse (default 003);
                         abuse = 003 §2's attacks (card testing, D/DoS, fuzzing) mixed in
  --random-count N       how many random regressions with 'random' (default 20; the four types take turns)
  --config FILE          JSON config (see docs/regressions-simulator.md); the flags above override it
  --gzip                 write events.ndjson.gz (gzip level 1: a simulated week is gigabytes of text)
  --inline-labels        add "regression": id to each request a regression shaped, "attack": id to an attack's
  --help                 this text`

/** What one CLI run does. */
export interface PxCliOptions {
  readonly help: boolean
  readonly out: string | undefined
  readonly configFile: string | undefined
  readonly gzip: boolean
  readonly inlineLabels: boolean
  /** Flags that override the config file. */
  readonly overrides: PxTrafficConfigInput
}

const SCENARIO_SETS = ['003', 'random', 'abuse', 'none'] as const

/** Parse the command line; a bad flag or value is an InvalidInputError whose message says which. */
export function parsePxCliArgs(argv: readonly string[]): PxCliOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: 'string' },
        days: { type: 'string' },
        rate: { type: 'string' },
        seed: { type: 'string' },
        start: { type: 'string' },
        scenarios: { type: 'string' },
        'random-count': { type: 'string' },
        config: { type: 'string' },
        gzip: { type: 'boolean' },
        'inline-labels': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    })
  } catch (err) {
    throw new InvalidInputError(err instanceof Error ? err.message : String(err))
  }
  const v = parsed.values
  const help = v.help === true
  if (!help && v.out === undefined) throw new InvalidInputError('--out DIR is required')
  const sets = v.scenarios === undefined ? undefined : v.scenarios.split(',').map((s) => s.trim())
  for (const s of sets ?? []) if (!(SCENARIO_SETS as readonly string[]).includes(s)) throw new InvalidInputError(`--scenarios takes ${SCENARIO_SETS.join(', ')} or a comma list of them; got '${s}'`, { field: '--scenarios', value: s })
  if (sets?.includes('none') && sets.length > 1) throw new InvalidInputError(`--scenarios none cannot be combined with others; got '${v.scenarios}'`, { field: '--scenarios', value: v.scenarios })
  const randomCount = v['random-count'] === undefined ? undefined : integer('--random-count', v['random-count'], 0, 2000)
  const wantsRandom = sets?.includes('random') ?? false
  if (randomCount !== undefined && sets !== undefined && !wantsRandom) throw new InvalidInputError("--random-count needs 'random' in --scenarios", { field: '--random-count', value: randomCount })
  const overrides: PxTrafficConfigInput = {
    ...(v.seed !== undefined ? { seed: integer('--seed', v.seed, 0, 4_294_967_295) } : {}),
    ...(v.start !== undefined ? { start: v.start } : {}),
    ...(v.days !== undefined ? { duration_minutes: number('--days', v.days, 1 / 1440, 90) * 1440 } : {}),
    ...(v.rate !== undefined ? { rate_per_second: number('--rate', v.rate, 1e-6, 1_000_000) } : {}),
    ...(sets !== undefined ? { presets: [...(sets.includes('003') ? ['003' as const] : []), ...(sets.includes('abuse') ? ['003-abuse' as const] : [])] } : {}),
    ...(sets !== undefined || randomCount !== undefined ? { random: { count: wantsRandom || sets === undefined ? (randomCount ?? 20) : 0 } } : {}),
  }
  return { help, out: v.out, configFile: v.config, gzip: v.gzip === true, inlineLabels: v['inline-labels'] === true, overrides }
}

function number(flag: string, text: string, min: number, max: number): number {
  const n = Number(text)
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new InvalidInputError(`${flag} must be a number from ${min} to ${max}; got '${text}'`, { field: flag, value: text, limit: [min, max] })
  return n
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = number(flag, text, min, max)
  if (!Number.isInteger(n)) throw new InvalidInputError(`${flag} must be a whole number; got '${text}'`, { field: flag, value: text })
  return n
}
