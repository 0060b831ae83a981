/** Run a child process to completion and collect its output. */
import { spawn } from 'node:child_process'

export interface ProcessOutcome {
  /** Exit code, or null if killed by a signal or never started. */
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  /** Set when the process could not be started (e.g. ENOENT). */
  readonly spawnError?: string
}

export function runProcess(
  command: string,
  args: readonly string[],
  options: { readonly env?: NodeJS.ProcessEnv; readonly timeoutMs?: number } = {},
): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    const collected = (code: number | null): ProcessOutcome => ({
      code,
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
    })
    // A promise settles once: whichever of 'error' (could not start) and 'close' comes first wins.
    child.on('error', (e) => resolve({ ...collected(null), spawnError: e.message }))
    child.on('close', (code) => resolve(collected(code)))
  })
}
