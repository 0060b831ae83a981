/**
 * `npm run bench:client`: what @vigil/client costs the service that sends
 * (seed 003 §3.1/§3.2). A monitored service runs in its own process and
 * sends one event per request with the client's defaults; autocannon loads
 * it while Vigil is healthy, stopped, slow (answers after 5 s) or full (429,
 * Retry-After 1), and without a client at all (the baseline, measured first
 * and last so machine drift shows). Also times send() and the serialisation
 * of one batch in this process. Prints a table; a run with the defaults
 * rewrites docs/benchmarks-client.md.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { createVigilClient } from '../../clients/node/src/index.js'
import { serialiseBatch } from '../../clients/node/src/serialise-batch.js'
import { describeEnvironment, environment } from '../environment.js'
import { repoRoot } from '../paths.js'

const DEFAULTS = { durationS: 10, connections: 10, warmupS: 2 } as const
const docFile = path.join(repoRoot, 'docs', 'benchmarks-client.md')

type Mode = 'none' | 'healthy' | 'stopped' | 'slow' | 'full'
const LABEL: Record<Mode, string> = {
  none: 'no client (baseline)',
  healthy: 'Vigil healthy (202)',
  stopped: 'Vigil stopped (connection refused)',
  slow: 'Vigil slow (answers after 5 s)',
  full: 'Vigil full (429, Retry-After 1)',
}

interface Row {
  readonly mode: Mode
  readonly requests: number
  readonly rps: number
  readonly p50: number
  readonly p99: number
  readonly max: number
  readonly errors: number
  readonly non2xx: number
  readonly rssMb: number
  readonly vigilRequests: number
  readonly stats: Record<string, number> | null
}

/** A stand-in Vigil that counts the requests reaching it and answers as the mode says, reading bodies without parsing them (it shares this process with the load generator). */
async function fakeVigil(mode: 'healthy' | 'slow' | 'full'): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0
  const timers = new Set<NodeJS.Timeout>()
  const server: Server = createServer((req, res) => {
    requests++
    req.resume()
    req.on('end', () => {
      const answer = (): void => {
        if (mode === 'full') {
          res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' })
          res.end('{"error":"queue full","status_code":429}')
          return
        }
        res.writeHead(202, { 'content-type': 'application/json' })
        res.end('{"monitor":"px","accepted":500,"rejected":0,"errors":[],"pending_events":0}')
      }
      if (mode !== 'slow') return answer()
      const t = setTimeout(() => {
        timers.delete(t)
        answer()
      }, 5000)
      timers.add(t)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t)
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function freePortUrl(): Promise<string> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

function startService(vigilUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench', 'client', 'service.ts'), vigilUrl], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
      const line = /\{"port":(\d+)\}/.exec(out)
      if (line) resolve({ child, url: `http://127.0.0.1:${line[1]}` })
    })
    child.on('exit', (code) => reject(new Error(`service exited with ${code} before listening`)))
  })
}

function load(url: string, durationS: number, connections: number): Promise<{ latencies: number[]; requests: number; errors: number; non2xx: number; seconds: number }> {
  const latencies: number[] = []
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: `${url}/payment-instruments`, connections, duration: durationS }, (err, result) => {
      if (err !== null && err !== undefined) return reject(err instanceof Error ? err : new Error(String(err)))
      resolve({ latencies, requests: latencies.length, errors: result.errors, non2xx: result.non2xx, seconds: (Date.now() - started) / 1000 })
    })
    instance.on('response', (_c: unknown, _s: number, _b: number, responseTime: number) => void latencies.push(responseTime))
  })
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number)
}

async function measure(mode: Mode, durationS: number, connections: number): Promise<Row> {
  const fake = mode === 'healthy' || mode === 'slow' || mode === 'full' ? await fakeVigil(mode) : undefined
  const vigilUrl = mode === 'none' ? 'none' : mode === 'stopped' ? await freePortUrl() : (fake?.url ?? 'none')
  const { child, url } = await startService(vigilUrl)
  try {
    await load(url, DEFAULTS.warmupS, connections)
    const run = await load(url, durationS, connections)
    const answer = (await (await fetch(`${url}/_stats`)).json()) as { stats: Record<string, number> | null; rssMb: number }
    const sorted = [...run.latencies].sort((a, b) => a - b)
    return {
      mode,
      requests: run.requests,
      rps: run.requests / run.seconds,
      p50: quantile(sorted, 0.5),
      p99: quantile(sorted, 0.99),
      max: sorted.at(-1) ?? NaN,
      errors: run.errors,
      non2xx: run.non2xx,
      rssMb: answer.rssMb,
      vigilRequests: fake?.requests() ?? 0,
      stats: answer.stats,
    }
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
    await fake?.close()
  }
}

/** send() and one batch's serialisation, timed in this process. */
function micro(): { sendNs: number; sendFullNs: number; serialiseMs: number; batchKb: number } {
  const event = (i: number): Record<string, unknown> => ({
    timestamp: new Date(Date.UTC(2026, 11, 7, 9) + i).toISOString(),
    partner: 'dime',
    country: 'CA',
    operation: 'edit_pi',
    pi_type: 'mc',
    flight: 'control',
    region: 'centralus',
    instance: 'px-prod-17',
    status: 200,
    latency_ms: 143,
    user_id: `u-${i}`,
    ip: '203.0.113.7',
  })
  const events = Array.from({ length: 10_000 }, (_, i) => event(i))
  // the interval never fires and no batch is due: only send() itself is timed
  const client = () => createVigilClient({ url: 'http://127.0.0.1:9', monitor: 'px', maxBuffer: 10_000, batchSize: 10_000, flushIntervalMs: 3_600_000 })
  const fill = (c: ReturnType<typeof client>): number => {
    const t = process.hrtime.bigint()
    for (const e of events) c.send(e as never)
    return Number(process.hrtime.bigint() - t) / events.length
  }
  // with room: a fresh client per round, filled exactly to its 10,000
  const room: number[] = []
  for (let r = 0; r < 60; r++) {
    const c = client()
    room.push(fill(c))
    void c.close(1)
  }
  // full: every send overwrites the oldest
  const full = client()
  const overflow: number[] = []
  for (let r = 0; r < 60; r++) overflow.push(fill(full))
  void full.close(1)
  room.sort((a, b) => a - b)
  overflow.sort((a, b) => a - b)
  const sendNs = quantile(room.slice(10), 0.5)
  const sendFullNs = quantile(overflow.slice(10), 0.5)
  const batch = events.slice(0, 500)
  const times: number[] = []
  let bytes = 0
  for (let r = 0; r < 200; r++) {
    const t = performance.now()
    bytes = serialiseBatch(batch).body.length
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return { sendNs, sendFullNs, serialiseMs: quantile(times, 0.5), batchKb: bytes / 1024 }
}

const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '-')
const f0 = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-')

function table(rows: readonly Row[]): string {
  const lines = [
    '| Vigil | requests/s | p50 ms | p99 ms | max ms | errors | service RSS MB | client: sent / dropped overflow / dropped failed / queued | requests to Vigil |',
    '|---|---:|---:|---:|---:|---:|---:|---|---:|',
  ]
  for (const r of rows) {
    const s = r.stats
    const client = s === null ? '-' : `${f0(s.sent ?? 0)} / ${f0(s.dropped_overflow ?? 0)} / ${f0(s.dropped_failed ?? 0)} / ${f0(s.queued ?? 0)}`
    lines.push(`| ${LABEL[r.mode]} | ${f0(r.rps)} | ${f1(r.p50)} | ${f1(r.p99)} | ${f1(r.max)} | ${r.errors + r.non2xx} | ${f0(r.rssMb)} | ${client} | ${r.mode === 'none' || r.mode === 'stopped' ? '-' : f0(r.vigilRequests)} |`)
  }
  return lines.join('\n')
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { duration: { type: 'string' }, connections: { type: 'string' } } })
  const durationS = Number(values.duration ?? DEFAULTS.durationS)
  const connections = Number(values.connections ?? DEFAULTS.connections)
  if (!Number.isInteger(durationS) || durationS < 1) throw new Error(`--duration must be a whole number of seconds >= 1; got ${values.duration}`)
  if (!Number.isInteger(connections) || connections < 1) throw new Error(`--connections must be an integer >= 1; got ${values.connections}`)
  const rows: Row[] = []
  for (const mode of ['none', 'healthy', 'stopped', 'slow', 'full', 'none'] as const) {
    process.stderr.write(`${LABEL[mode]}: ${durationS} s at ${connections} connections...\n`)
    rows.push(await measure(mode, durationS, connections))
  }
  const m = micro()
  const env = describeEnvironment(environment(undefined))
  const out = [
    table(rows),
    '',
    `send(): ${m.sendNs.toFixed(0)} ns per event with room in the buffer, ${m.sendFullNs.toFixed(0)} ns when full (dropping the oldest) (medians of 60 rounds of 10,000); serialising one batch of 500 PX events (${m.batchKb.toFixed(0)} KB): ${m.serialiseMs.toFixed(2)} ms (median of 200), once per batch, in the flush.`,
  ].join('\n')
  process.stdout.write(`\n${out}\n\n${env}\n`)
  if (values.duration === undefined && values.connections === undefined) {
    const doc = [
      '# Benchmark: what @vigil/client costs the monitored service',
      '',
      `\`npm run bench:client\`. A stand-in monitored service (\`bench/client/service.ts\`, its own process) answers each request and sends one PX event (7 dimensions, status, latency, user id, IP) with [@vigil/client](../clients/node/README.md) at its defaults (buffer 10,000, batches of 500, flush every 1 s, 2 s timeout). autocannon loads it at ${connections} connections for ${durationS} s (after ${DEFAULTS.warmupS} s of warm-up) while Vigil is healthy, stopped, slow or full, and without any client, first and last (the two baseline rows show how much the machine itself drifted). The guarantees are in [client.md](client.md).`,
      '',
      out,
      '',
      `Measured on: ${env}. The machine is shared, so differences of a few percent between rows are noise; compare each row with the two baselines.`,
      '',
    ].join('\n')
    await writeFile(docFile, doc)
    process.stderr.write(`wrote ${path.relative(repoRoot, docFile)}\n`)
  }
}

await main()
