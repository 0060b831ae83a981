/** Run a child process to completion, handing each stdout line to a callback as it arrives. */
import { spawn } from 'node:child_process'

export interface ProcessOutcome {
  /** Exit code, or null if killed by a signal or never started. */
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  /** True when the time limit ran out and the process was killed. */
  readonly timedOut: boolean
  readonly stdout: string
  readonly stderr: string
  /** Set when the process could not be started (e.g. ENOENT). */
  readonly spawnError?: string
}

export interface ProcessOptions {
  readonly env?: NodeJS.ProcessEnv
  readonly cwd?: string
  /** Kill (SIGTERM, then SIGKILL 10 s later) after this long. */
  readonly timeoutMs?: number
  /** Called with each complete stdout line, in order. */
  readonly onLine?: (line: string) => void
}

export function runProcess(command: string, args: readonly string[], options: ProcessOptions = {}): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    const out: string[] = []
    const err: Buffer[] = []
    let pending = ''
    let timedOut = false
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      out.push(chunk)
      const lines = (pending + chunk).split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) options.onLine?.(line)
    })
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    const timers: NodeJS.Timeout[] = []
    if (options.timeoutMs !== undefined && Number.isFinite(options.timeoutMs)) {
      timers.push(
        setTimeout(() => {
          timedOut = true
          child.kill('SIGTERM')
          timers.push(setTimeout(() => child.kill('SIGKILL'), 10_000))
        }, options.timeoutMs),
      )
    }
    const collected = (code: number | null, signal: NodeJS.Signals | null): ProcessOutcome => {
      for (const t of timers) clearTimeout(t)
      if (pending !== '') options.onLine?.(pending)
      pending = ''
      return { code, signal, timedOut, stdout: out.join(''), stderr: Buffer.concat(err).toString('utf8') }
    }
    // A promise settles once: whichever of 'error' (could not start) and 'close' comes first wins.
    child.on('error', (e) => resolve({ ...collected(null, null), spawnError: e.message }))
    child.on('close', (code, signal) => resolve(collected(code, signal)))
  })
}
