/**
 * `npm run simulate -- --rows 100000 --seed 7 --format parquet --out logs.parquet`
 *
 * Writes labelled banking logs (004's format and 16 scenarios) to a file or
 * stdout, and a summary of the scenario mix to stderr.
 */
import path from 'node:path'
import type { Writable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import { VigilError } from '../errors.js'
import { parseCliArgs, USAGE } from './cli-args.js'
import { generateLogs } from './generate-logs.js'
import { loadConfigFile } from './load-config-file.js'
import { mergeConfigs, resolveConfig } from './resolve-config.js'
import type { GenerationSummary } from './tally.js'
import { writeLogFile } from './write-file.js'
import { writeText } from './write-text.js'

export interface CliIo {
  readonly stdout: Writable
  readonly stderr: Writable
}

/** Run the CLI; returns the exit code (0 done, 2 bad usage or config). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parseCliArgs(argv)
    if (options.help) {
      io.stderr.write(`${USAGE}\n`)
      return 0
    }
    const fromFile = options.configFile === undefined ? {} : await loadConfigFile(options.configFile)
    const config = resolveConfig(mergeConfigs(fromFile, options.overrides))
    const started = performance.now()
    const summary =
      options.out === undefined
        ? await writeText(generateLogs(config), options.rows, options.format === 'csv' ? 'csv' : 'jsonl', io.stdout, config)
        : await writeLogFile(config, options.rows, options.format, options.out)
    io.stderr.write(describe(summary, options.out, performance.now() - started))
    return 0
  } catch (err) {
    if (!(err instanceof VigilError)) throw err
    io.stderr.write(`simulate: ${err.message}\n\n${USAGE}\n`)
    return 2
  }
}

function describe(s: GenerationSummary, out: string | undefined, ms: number): string {
  const lines = [
    `${s.rows} rows (${s.anomalies} anomalous, ${(s.anomaly_rate * 100).toFixed(2)}%), seed ${s.seed}, ${s.first_timestamp} → ${s.last_timestamp}, ${(ms / 1000).toFixed(1)} s${out ? `, written to ${out}` : ''}`,
    'scenario                               rows   share  expected',
    ...s.scenarios.map((x) => `${`${x.id} ${x.name}`.padEnd(36)} ${String(x.rows).padStart(6)}  ${(x.share * 100).toFixed(1).padStart(5)}%  ${(x.expected_share * 100).toFixed(1).padStart(6)}%`),
  ]
  return `${lines.join('\n')}\n`
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr })
}
