/**
 * The real Vigil server as a child process (`node --import tsx src/server.ts`
 * by default), on a given storage directory and a free port, ready once
 * `GET /health` answers. Every started child is tracked so a failing test can
 * still kill them all.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** How to run the server: the command and its arguments, from the repository root. */
export interface ServerCommand {
  readonly command: string
  readonly args: readonly string[]
  /** For messages: e.g. "node --import tsx src/server.ts". */
  readonly label: string
}

/**
 * The V8 flags every server command uses (npm start, the Dockerfile, CI): each
 * isolate collects garbage on its own thread, so a training worker's share
 * runs at the worker's priority (docs/deployment.md).
 */
export const SERVER_NODE_FLAGS = ['--single-threaded-gc'] as const

const nodeCommand = (...args: string[]): ServerCommand => ({
  command: process.execPath,
  args: [...SERVER_NODE_FLAGS, ...args],
  label: ['node', ...SERVER_NODE_FLAGS, ...args].join(' '),
})

export const fromSource: ServerCommand = nodeCommand('--import', 'tsx', 'src/server.ts')

export const fromBuild: ServerCommand = nodeCommand('dist/server.js')

export interface StartOptions {
  readonly storage: string
  readonly server?: ServerCommand
  /** Extra environment variables (MODEL_STORAGE_PATH, PORT, HOST and LOG_LEVEL are set here). */
  readonly env?: Readonly<Record<string, string>>
  readonly logLevel?: string
  /** Give up waiting for /health after this long. */
  readonly readyTimeoutMs?: number
}

export interface ServerProcess {
  readonly baseUrl: string
  readonly port: number
  readonly pid: number
  /** Milliseconds from spawn to the first healthy /health. */
  readonly startupMs: number
  /** The last few KB of the child's stdout and stderr, for failure messages. */
  output(): string
  /** True once the child has exited. */
  exited(): boolean
  /** `kill -9` and wait until the process is gone. */
  kill9(): Promise<void>
  /** SIGTERM (a clean shutdown), SIGKILL after `graceMs`, and wait until the process is gone. */
  stop(graceMs?: number): Promise<void>
}

const live = new Set<ChildProcess>()

/** SIGKILL every child still running (for afterAll and process exit). */
export function killAllServers(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  live.clear()
}
process.once('exit', killAllServers)

/** A port nobody listens on right now (the kernel's pick for port 0). */
export async function freePort(): Promise<number> {
  const server = net.createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  await once(server, 'close')
  if (address === null || typeof address === 'string') throw new Error('could not find a free port')
  return address.port
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const server = options.server ?? fromSource
  const port = await freePort()
  const started = performance.now()
  const child = spawn(server.command, [...server.args], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...options.env,
      MODEL_STORAGE_PATH: options.storage,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: options.logLevel ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  live.add(child)
  let tail = ''
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-8192)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  let exitedAt: string | undefined
  let spawnError: string | undefined
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedAt = `exited (code ${code}, signal ${signal})`
      live.delete(child)
      resolve()
    })
  })
  child.once('error', (err) => {
    spawnError = err.message
  })
  const baseUrl = `http://127.0.0.1:${port}`
  const isGone = (): boolean => exitedAt !== undefined
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (isGone()) return
    child.kill(signal)
    await exit
  }
  const handle: ServerProcess = {
    baseUrl,
    port,
    pid: child.pid ?? -1,
    startupMs: 0,
    output: () => tail,
    exited: isGone,
    kill9: () => kill('SIGKILL'),
    async stop(graceMs = 10_000) {
      if (isGone()) return
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      try {
        await kill('SIGTERM')
      } finally {
        clearTimeout(timer)
      }
    },
  }

  const deadline = started + (options.readyTimeoutMs ?? 60_000)
  for (;;) {
    if (spawnError !== undefined || isGone()) {
      throw new Error(`server (${server.label}) ${spawnError ?? exitedAt} before it was ready:\n${tail}`)
    }
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) })
      if (response.ok) {
        await response.arrayBuffer()
        return { ...handle, startupMs: performance.now() - started }
      }
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      await kill('SIGKILL')
      throw new Error(`server (${server.label}) not healthy after ${options.readyTimeoutMs ?? 60_000} ms:\n${tail}`)
    }
    await sleep(50)
  }
}
