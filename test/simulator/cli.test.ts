import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COLUMNS } from '../../src/simulator/index.js'
import { parseCliArgs } from '../../src/simulator/cli-args.js'
import { runCli } from '../../src/simulator/cli.js'

/** Run the CLI with captured output. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] }
  stdout.on('data', (c: Buffer) => chunks.stdout.push(c))
  stderr.on('data', (c: Buffer) => chunks.stderr.push(c))
  const code = await runCli(argv, { stdout, stderr })
  return { code, stdout: Buffer.concat(chunks.stdout).toString(), stderr: Buffer.concat(chunks.stderr).toString() }
}

describe('npm run simulate', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigil-sim-cli-'))
  })
  afterAll(async () => rm(dir, { recursive: true, force: true }))

  it('parses the flags of the issue, inferring the format from --out', () => {
    expect(parseCliArgs(['--rows', '100000', '--seed', '7', '--format', 'csv', '--out', 'x.csv'])).toMatchObject({ rows: 100_000, format: 'csv', out: 'x.csv', overrides: { seed: 7 } })
    expect(parseCliArgs(['--out', 'logs.parquet']).format).toBe('parquet')
    expect(parseCliArgs([]).format).toBe('jsonl')
    expect(parseCliArgs(['--logs-per-second', '2', '--anomaly-rate', '0.1']).overrides).toEqual({ global_anomaly_rate: 0.1, log_generation: { logs_per_second: 2 } })
  })

  it('writes a file and a mix summary; the same seed writes the same bytes', async () => {
    const a = path.join(dir, 'a.csv')
    const b = path.join(dir, 'b.csv')
    const first = await run(['--rows', '3000', '--seed', '7', '--out', a])
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(/^3000 rows \(\d+ anomalous, [\d.]+%\), seed 7, 2025-01-06T00:00:00.000Z →/)
    expect(first.stderr).toContain('BANK-016 Ransomware Activity')
    const text = await readFile(a, 'utf8')
    expect(text.split('\n')[0]).toBe(COLUMNS.map((c) => c.name).join(','))
    expect(text.trimEnd().split('\n')).toHaveLength(3001)
    await run(['--rows', '3000', '--seed', '7', '--format', 'csv', '--out', b])
    expect(await readFile(b, 'utf8')).toBe(text)
  })

  it('streams JSON lines to stdout, with a config file', async () => {
    const config = path.join(dir, 'config.json')
    await writeFile(config, JSON.stringify({ global_anomaly_rate: 0.2, anomaly_scenarios: [{ id: 'BANK-002', frequency_weight: 1000 }] }))
    const { code, stdout } = await run(['--rows', '2000', '--seed', '1', '--config', config])
    expect(code).toBe(0)
    const rows = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { anomaly_details: { anomaly_id: string | null } })
    expect(rows).toHaveLength(2000)
    const ids = rows.map((r) => r.anomaly_details.anomaly_id).filter((id) => id !== null)
    expect(ids.length / rows.length).toBeGreaterThan(0.15)
    expect(ids.filter((id) => id === 'BANK-002').length / ids.length).toBeGreaterThan(0.5)
  })

  it('exits 2 with the reason and the usage on bad input', async () => {
    for (const [argv, reason] of [
      [['--rows', 'many'], "--rows must be a number from 1 to 100000000; got 'many'"],
      [['--format', 'xml'], "--format must be one of jsonl, csv, parquet; got 'xml'"],
      [['--format', 'parquet'], '--format parquet needs --out FILE'],
      [['--bogus'], "Unknown option '--bogus'"],
      [['--config', path.join(dir, 'missing.json')], 'cannot read config file'],
    ] as const) {
      const r = await run([...argv])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(reason)
      expect(r.stderr).toContain('Usage: npm run simulate')
    }
  })
})
