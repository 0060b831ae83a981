import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PxLabelsFile } from '../../../src/simulator/px/index.js'
import { parsePxCliArgs } from '../../../src/simulator/px/cli-args.js'
import { runPxCli } from '../../../src/simulator/px/cli.js'

async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  const stderr = new PassThrough()
  const chunks: Buffer[] = []
  stderr.on('data', (c: Buffer) => chunks.push(c))
  const code = await runPxCli(argv, { stderr })
  return { code, stderr: Buffer.concat(chunks).toString() }
}

describe('npm run simulate:px', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigil-pxsim-cli-'))
  })
  afterAll(async () => rm(dir, { recursive: true, force: true }))

  it('parses the flags of the brief', () => {
    expect(parsePxCliArgs(['--out', 'd', '--days', '7', '--rate', '30', '--seed', '1', '--scenarios', '003'])).toMatchObject({ out: 'd', overrides: { duration_minutes: 10_080, rate_per_second: 30, seed: 1, presets: ['003'], random: { count: 0 } } })
    expect(parsePxCliArgs(['--out', 'd', '--scenarios', 'random']).overrides).toMatchObject({ presets: [], random: { count: 20 } })
    expect(parsePxCliArgs(['--out', 'd', '--scenarios', '003,random', '--random-count', '80']).overrides).toMatchObject({ presets: ['003'], random: { count: 80 } })
    expect(parsePxCliArgs(['--out', 'd', '--scenarios', 'none']).overrides).toMatchObject({ presets: [], random: { count: 0 } })
  })

  it('writes events and labels; the same seed writes the same bytes', async () => {
    const a = path.join(dir, 'a')
    const b = path.join(dir, 'b')
    const args = ['--days', '0.1', '--rate', '5', '--seed', '7', '--scenarios', '003,random', '--random-count', '2']
    const first = await run([...args, '--out', a])
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(/^\d+ requests, seed 7, 2025-01-06T00:00:00.000Z → 2025-01-06T02:24:00.000Z/)
    expect(first.stderr).toContain('003-4')
    const labels = JSON.parse(await readFile(path.join(a, 'labels.json'), 'utf8')) as PxLabelsFile
    expect(labels).toMatchObject({ kind: 'vigil.px-simulator.labels', format_version: 1, seed: 7, events_file: 'events.ndjson' })
    expect(labels.labels.map((l) => l.id)).toEqual(expect.arrayContaining(['003-1', '003-2', '003-3', '003-4']))
    const text = await readFile(path.join(a, 'events.ndjson'), 'utf8')
    const lines = text.trimEnd().split('\n')
    expect(lines).toHaveLength(labels.events)
    expect(Object.keys(JSON.parse(lines[0]!) as object)).toEqual(['timestamp', 'partner', 'country', 'operation', 'pi_type', 'flight', 'region', 'instance', 'status', 'latency_ms', 'user_id', 'ip'])
    expect(labels.labels.reduce((s, l) => s + l.shaped_requests, 0)).toBeGreaterThan(0)
    expect((await run([...args, '--out', b])).code).toBe(0)
    expect(await readFile(path.join(b, 'events.ndjson'), 'utf8')).toBe(text)
    expect(await readFile(path.join(b, 'labels.json'), 'utf8')).toBe(await readFile(path.join(a, 'labels.json'), 'utf8'))
  })

  it('gzips, marks shaped requests with --inline-labels, and reads a config file', async () => {
    const config = path.join(dir, 'config.json')
    await writeFile(config, JSON.stringify({ duration_minutes: 60, rate_per_second: 4, scenarios: [{ id: 'slow', type: 'latency', dimensions: { region: 'westeurope' }, effect: { multiplier: 4 }, start_offset_minutes: 10, duration_minutes: 20 }] }))
    const out = path.join(dir, 'gz')
    expect((await run(['--config', config, '--out', out, '--gzip', '--inline-labels'])).code).toBe(0)
    const lines = gunzipSync(await readFile(path.join(out, 'events.ndjson.gz'))).toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { region: string; regression?: string })
    const marked = lines.filter((e) => e.regression === 'slow')
    expect(marked.length).toBeGreaterThan(50)
    expect(marked.every((e) => e.region === 'westeurope')).toBe(true)
    const labels = JSON.parse(await readFile(path.join(out, 'labels.json'), 'utf8')) as PxLabelsFile
    expect(labels.labels).toHaveLength(1)
    expect(labels.labels[0]!.shaped_requests).toBe(marked.length)
  })

  it('answers a bad flag or config with exit code 2 and a message naming it', async () => {
    const e1 = await run(['--out', dir, '--days', '0'])
    expect(e1.code).toBe(2)
    expect(e1.stderr).toMatch(/--days must be a number from/)
    const e2 = await run(['--out', dir, '--scenarios', 'some'])
    expect(e2.stderr).toMatch(/--scenarios takes 003, random, abuse, none/)
    const e3 = await run(['--days', '1'])
    expect(e3.stderr).toMatch(/--out DIR is required/)
    const config = path.join(dir, 'bad.json')
    await writeFile(config, JSON.stringify({ rate_per_second: -3 }))
    const e4 = await run(['--out', dir, '--config', config])
    expect(e4.code).toBe(2)
    expect(e4.stderr).toMatch(/config\.rate_per_second/)
    expect((await run(['--help'])).code).toBe(0)
  })
})
