import path from 'node:path'
import { parseArgs } from 'node:util'
import { InvalidInputError } from '../errors.js'
import type { SimulatorConfigInput } from './config-schema.js'
import { OUTPUT_FORMATS, type OutputFormat } from './write-file.js'

export const USAGE = `Usage: npm run simulate -- [options]

  --rows N               rows to generate (default 10000)
  --seed N               seed; the same seed and config give byte-identical output (default 42)
  --format F             jsonl | csv | parquet (default: from --out's extension, else jsonl)
  --out FILE             output file (default: stdout; parquet needs a file)
  --config FILE          JSON config: rate, logs per second, bursts, scenarios (see docs/scenarios.md)
  --start ISO            timestamp of the first row (default 2025-01-06T00:00:00Z)
  --logs-per-second N    mean rate, sets the time span of the rows (default 10)
  --anomaly-rate R       global_anomaly_rate, 0-0.5 (default 0.08)
  --help                 this text`

/** What one CLI run does. */
export interface CliOptions {
  readonly help: boolean
  readonly rows: number
  readonly format: OutputFormat
  readonly out: string | undefined
  readonly configFile: string | undefined
  /** Flags that override the config file. */
  readonly overrides: SimulatorConfigInput
}

const MAX_ROWS = 100_000_000

/** Parse the command line; a bad flag or value is an InvalidInputError whose message says which. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        rows: { type: 'string' },
        seed: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        config: { type: 'string' },
        start: { type: 'string' },
        'logs-per-second': { type: 'string' },
        'anomaly-rate': { type: 'string' },
        help: { type: 'boolean' },
      },
    })
  } catch (err) {
    throw new InvalidInputError(err instanceof Error ? err.message : String(err))
  }
  const v = parsed.values
  const out = v.out
  const format = v.format ?? formatFromName(out) ?? 'jsonl'
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) throw new InvalidInputError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}; got '${format}'`)
  if (format === 'parquet' && out === undefined) throw new InvalidInputError('--format parquet needs --out FILE (Parquet cannot be streamed to stdout)')
  const overrides: SimulatorConfigInput = {
    ...(v.seed !== undefined ? { seed: integer('--seed', v.seed, 0, 4_294_967_295) } : {}),
    ...(v.start !== undefined ? { start_time: v.start } : {}),
    ...(v['anomaly-rate'] !== undefined ? { global_anomaly_rate: number('--anomaly-rate', v['anomaly-rate'], 0, 0.5) } : {}),
    ...(v['logs-per-second'] !== undefined ? { log_generation: { logs_per_second: number('--logs-per-second', v['logs-per-second'], 1e-6, 10_000) } } : {}),
  }
  return {
    help: v.help === true,
    rows: v.rows === undefined ? 10_000 : integer('--rows', v.rows, 1, MAX_ROWS),
    format: format as OutputFormat,
    out,
    configFile: v.config,
    overrides,
  }
}

function formatFromName(file: string | undefined): OutputFormat | undefined {
  const ext = file === undefined ? '' : path.extname(file).toLowerCase()
  return ext === '.csv' ? 'csv' : ext === '.parquet' ? 'parquet' : ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : undefined
}

function number(flag: string, text: string, min: number, max: number): number {
  const n = Number(text)
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new InvalidInputError(`${flag} must be a number from ${min} to ${max}; got '${text}'`)
  return n
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = number(flag, text, min, max)
  if (!Number.isInteger(n)) throw new InvalidInputError(`${flag} must be a whole number; got '${text}'`)
  return n
}
