/**
 * `npm run simulate:px -- --out DIR --days 7 --rate 30 --seed 1 --scenarios 003,random`
 *
 * Writes simulated PX traffic (NDJSON, optionally gzipped) and the ground
 * truth of its injected regressions and attacks (labels.json) to a folder, and a summary
 * to stderr.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Writable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import { InvalidInputError, VigilError } from '../../errors.js'
import { parsePxCliArgs, PX_USAGE } from './cli-args.js'
import type { PxTrafficConfigInput } from './config-schema.js'
import { createPxTraffic } from './create-px-traffic.js'
import { writePxFiles, type PxLabelsFile } from './write-px-files.js'

export interface PxCliIo {
  readonly stderr: Writable
}

/** Run the CLI; returns the exit code (0 done, 2 bad usage or config). */
export async function runPxCli(argv: readonly string[], io: PxCliIo): Promise<number> {
  try {
    const options = parsePxCliArgs(argv)
    if (options.help || options.out === undefined) {
      io.stderr.write(`${PX_USAGE}\n`)
      return 0
    }
    const fromFile = options.configFile === undefined ? { presets: ['003' as const] } : await loadJson(options.configFile)
    const config = { ...fromFile, ...options.overrides, random: { ...fromFile.random, ...options.overrides.random } }
    const traffic = createPxTraffic(config)
    const started = performance.now()
    const written = await writePxFiles(traffic, options.out, { gzip: options.gzip, inlineLabels: options.inlineLabels })
    io.stderr.write(describe(written, options.out, performance.now() - started))
    return 0
  } catch (err) {
    if (!(err instanceof VigilError)) throw err
    io.stderr.write(`simulate:px: ${err.message}\n\n${PX_USAGE}\n`)
    return 2
  }
}

async function loadJson(file: string): Promise<PxTrafficConfigInput> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    throw new InvalidInputError(`--config ${file} cannot be read: ${err instanceof Error ? err.message : String(err)}`, { field: '--config', value: file })
  }
  try {
    return JSON.parse(text) as PxTrafficConfigInput
  } catch (err) {
    throw new InvalidInputError(`--config ${file} is not JSON: ${err instanceof Error ? err.message : String(err)}`, { field: '--config', value: file })
  }
}

function describe(s: PxLabelsFile, out: string, ms: number): string {
  const lines = [
    `${s.events} requests, seed ${s.seed}, ${s.start} → ${s.end}, ${(ms / 1000).toFixed(1)} s (${Math.round(s.events / (ms / 1000))} requests/s), written to ${path.join(out, s.events_file)} and ${path.join(out, 'labels.json')}`,
    `${s.labels.length} regressions${s.skipped_random > 0 ? ` (${s.skipped_random} random ones found no room and were left out)` : ''}`,
    ...s.labels.map((l) => `  ${l.id.padEnd(8)} ${l.type.padEnd(13)} ${l.start.slice(0, 16)} → ${l.end.slice(0, 16)}  ${l.expected_rpm.toFixed(2).padStart(8)} req/min  ${String(l.shaped_requests).padStart(7)} shaped  ${JSON.stringify(l.dimensions)}`),
    ...(s.attacks.length > 0 ? [`${s.attacks.length} attacks`] : []),
    ...s.attacks.map((a) => `  ${a.id.padEnd(16)} ${a.start.slice(0, 16)} → ${a.end.slice(0, 16)}  ${String(a.requests_per_minute).padStart(6)} req/min  ${String(a.sent_requests).padStart(7)} sent  ${a.entity_field}=${a.entity_value}`),
    ...(s.benign_heavy.length > 0 ? [`${s.benign_heavy.length} benign heavy entities (not attacks)`] : []),
    ...s.benign_heavy.map((b) => `  ${b.id.padEnd(16)} ${String(b.requests_per_minute).padStart(6)} req/min  ${String(b.sent_requests).padStart(7)} sent  ${b.entity_field}=${b.entity_value}`),
  ]
  return `${lines.join('\n')}\n`
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runPxCli(process.argv.slice(2), { stderr: process.stderr })
}
