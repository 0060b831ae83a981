/**
 * Run one side of one (algorithm, dataset) pair in its own child process and
 * collect its events. Never throws: a crash, a timeout or an error event ends
 * up in `error`, next to whatever seeds finished before it.
 */
import path from 'node:path'
import { benchDir, pythonExecutable, repoRoot } from './paths.js'
import { formatDuration } from './progress.js'
import { runProcess, type ProcessOutcome } from './run-process.js'
import { lastLine, PYTHON_ENV, SKLEARN_SCRIPT } from './sklearn.js'
import { workerArgv, type WorkerArgs } from './worker-args.js'
import { decodeEvent, type WorkerEvent } from './worker-protocol.js'

export type Side = 'vigil' | 'sklearn'

const HEARTBEAT_MS = 120_000

type EventOf<K extends WorkerEvent['event']> = Extract<WorkerEvent, { event: K }>

export interface SideRun {
  readonly side: Side
  readonly baselineRssKb?: number
  /** Highest peak RSS any event reported. */
  readonly peakRssKb?: number
  readonly seeds: readonly EventOf<'seed'>[]
  readonly latency?: EventOf<'latency'>
  readonly trained?: EventOf<'trained'>
  /** Why fewer seeds ran than asked for (time budget). */
  readonly stopped?: string
  /** Set when the side failed: crash, timeout, or an error it reported. */
  readonly error?: string
  readonly wallMs: number
}

export interface SideRequest {
  readonly side: Side
  readonly algorithm: string
  readonly args: WorkerArgs
  readonly timeoutMs: number
  /** One line per event worth showing (seed done, latency, ...). */
  readonly progress: (message: string) => void
}

export async function runSide(req: SideRequest): Promise<SideRun> {
  const { command, argv, env } = commandFor(req)
  const state: { -readonly [K in keyof SideRun]: SideRun[K] } = { side: req.side, seeds: [], wallMs: 0 }
  const seeds: EventOf<'seed'>[] = []
  const t0 = performance.now()
  // long fits print nothing for minutes: say the side is still alive
  const heartbeat = setInterval(() => req.progress(`still running (${formatDuration(performance.now() - t0)})`), HEARTBEAT_MS)
  const outcome = await runProcess(command, argv, {
    env,
    cwd: repoRoot,
    timeoutMs: req.timeoutMs,
    onLine: (line) => {
      const e = decodeEvent(line)
      if (e === undefined) return
      if ('peakRssKb' in e) state.peakRssKb = Math.max(state.peakRssKb ?? 0, e.peakRssKb)
      switch (e.event) {
        case 'loaded':
          state.baselineRssKb = e.baselineRssKb
          break
        case 'seed':
          seeds.push(e)
          req.progress(`seed ${e.seed}: train ${formatDuration(e.trainMs)} on ${e.trainRows} rows, score ${e.batchRows} rows ${formatDuration(e.batchMs)}`)
          break
        case 'latency':
          state.latency = e
          req.progress(`single-row latency: median ${e.medianUs.toFixed(1)} µs over ${e.calls} calls`)
          break
        case 'trained':
          state.trained = e
          req.progress(`trained on ${e.trainRows} rows in ${formatDuration(e.trainMs)}`)
          break
        case 'stopped':
          state.stopped = e.reason
          req.progress(`stopped early: ${e.reason}`)
          break
        case 'error':
          state.error = e.message
          break
        case 'done':
          break
      }
    },
  })
  clearInterval(heartbeat)
  state.wallMs = performance.now() - t0
  state.seeds = seeds
  const failure = state.error ?? failureOf(outcome, req.timeoutMs)
  if (failure !== undefined) {
    state.error = failure
    req.progress(`error: ${failure}`)
  }
  return state
}

function commandFor(req: SideRequest): { command: string; argv: string[]; env: NodeJS.ProcessEnv } {
  const common = workerArgv(req.args)
  if (req.side === 'vigil') {
    const worker = path.join(benchDir, 'vigil-worker.ts')
    return { command: process.execPath, argv: ['--import', 'tsx', worker, '--algorithm', req.algorithm, ...common], env: process.env }
  }
  return { command: pythonExecutable(), argv: [SKLEARN_SCRIPT, '--estimator', req.algorithm, ...common], env: PYTHON_ENV }
}

function failureOf(outcome: ProcessOutcome, timeoutMs: number): string | undefined {
  if (outcome.spawnError !== undefined) return `cannot start the child process: ${outcome.spawnError}`
  if (outcome.timedOut) return `timeout after ${formatDuration(timeoutMs)}`
  if (outcome.signal !== null) return `killed by ${outcome.signal}${outcome.signal === 'SIGKILL' ? ' (out of memory?)' : ''}`
  if (outcome.code !== 0) return `exit code ${String(outcome.code)}: ${lastLine(outcome.stderr) ?? 'no output'}`
  return undefined
}
