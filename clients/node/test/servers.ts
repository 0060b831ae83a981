import { Agent, createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { VigilClient } from '../src/index.js'

/** A local HTTP server on a free port, and how to stop it (open connections included). */
export interface Running {
  readonly server: Server
  readonly url: string
  close(): Promise<void>
}

export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Running> {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A URL nothing listens on: a port that was just free (connection refused). */
export async function refusedUrl(): Promise<string> {
  const probe = await listen(() => undefined)
  await probe.close()
  return probe.url
}

/** One request as a fake Vigil saw it. */
export interface Seen {
  readonly receivedAt: number
  readonly path: string
  readonly authorization: string | undefined
  readonly events: { readonly id?: number }[]
  answeredAt?: number
  status?: number
}

/** How a fake Vigil answers its n-th request (from 0): a status, headers, and how long it holds the answer. */
export interface Answer {
  readonly status: number
  readonly headers?: Record<string, string>
  readonly body?: unknown
  readonly delayMs?: number
}

export interface FakeVigil extends Running {
  readonly seen: Seen[]
  /** Requests open at once, at most, so far. */
  readonly maxConcurrent: () => number
  /** Resolves when the first request arrives. */
  readonly firstRequest: Promise<void>
  /** Ids of the events in requests it answered 2xx, in arrival order. */
  readonly delivered: () => number[]
}

/** A stand-in for Vigil's POST /monitors/{name}/events that records each batch and answers as told. */
export async function fakeVigil(answer: (n: number) => Answer = () => ({ status: 202 })): Promise<FakeVigil> {
  const seen: Seen[] = []
  const timers = new Set<NodeJS.Timeout>()
  let open = 0
  let maxOpen = 0
  let arrived: () => void = () => undefined
  const firstRequest = new Promise<void>((resolve) => (arrived = resolve))
  const running = await listen((req, res) => {
    open++
    maxOpen = Math.max(maxOpen, open)
    res.on('close', () => open--)
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const record: Seen = { receivedAt: Date.now(), path: req.url ?? '', authorization: req.headers.authorization, events: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: number }[] }
      const n = seen.length
      seen.push(record)
      arrived()
      const a = answer(n)
      const reply = (): void => {
        record.answeredAt = Date.now()
        record.status = a.status
        if (res.destroyed) return
        res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers })
        res.end(JSON.stringify(a.body ?? { monitor: 'px', accepted: record.events.length, rejected: 0, errors: [], pending_events: 0 }))
      }
      if (a.delayMs === undefined) return reply()
      const timer = setTimeout(() => {
        timers.delete(timer)
        reply()
      }, a.delayMs)
      timers.add(timer)
    })
  })
  return {
    ...running,
    seen,
    maxConcurrent: () => maxOpen,
    firstRequest,
    delivered: () => seen.filter((s) => s.status !== undefined && s.status >= 200 && s.status < 300).flatMap((s) => s.events.map((e) => e.id as number)),
    async close() {
      for (const t of timers) clearTimeout(t)
      await running.close()
    },
  }
}

export interface MonitoredService extends Running {
  /** Requests the service has answered. */
  handled: () => number
  /** What each send() call returned (it must be undefined: nothing to await). */
  readonly sendResults: unknown[]
}

/**
 * The monitored service: every request is answered synchronously after one
 * vigil.send() of its event, as a payments API's request hook would do it.
 */
export async function monitoredService(vigil: VigilClient): Promise<MonitoredService> {
  let handled = 0
  let nextId = 0
  const sendResults: unknown[] = []
  const running = await listen((req, res) => {
    const started = Date.now()
    const result: unknown = vigil.send({ id: nextId++, timestamp: new Date(started).toISOString(), operation: req.url ?? '/', status: 200, latency_ms: Date.now() - started })
    sendResults.push(result)
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.end('ok')
    handled++
  })
  return { ...running, handled: () => handled, sendResults }
}

/** `n` GET requests, `concurrency` at a time, over keep-alive; resolves with each status and body. */
export async function hammer(url: string, n: number, concurrency = 10): Promise<{ status: number; body: string }[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const results: { status: number; body: string }[] = []
  let next = 0
  const one = (i: number): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      get(`${url}/add_pi?i=${i}`, { agent }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      }).on('error', reject)
    })
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next++
      results[i] = await one(i)
    }
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, worker))
  } finally {
    agent.destroy()
  }
  return results
}

/** Events 0..n-1 with their id, for checking what arrived and in what order. */
export function numbered(n: number, from = 0): { id: number; timestamp: number; status: number }[] {
  return Array.from({ length: n }, (_, i) => ({ id: from + i, timestamp: Date.UTC(2026, 11, 7, 9) + (from + i) * 100, status: 200 }))
}
