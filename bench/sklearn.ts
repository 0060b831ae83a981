/**
 * The scikit-learn side: spawns a single-process Python script that reads the
 * CSV itself and prints its scores and timings as JSON on stdout.
 */
import path from 'node:path'
import { benchDir, pythonExecutable } from './paths.js'
import { runProcess, type ProcessOutcome } from './run-process.js'
import type { TimedScores } from './side-result.js'

/** One Python script per scikit-learn model, all with the same command line and output. */
const SCRIPTS = {
  iforest: 'sklearn_iforest.py',
} as const

export type SklearnModel = keyof typeof SCRIPTS

export interface SklearnVersions {
  readonly python: string
  readonly sklearn: string
  readonly numpy: string
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string }

export interface SklearnRun {
  readonly rows: number
  readonly cols: number
  readonly runs: TimedScores[]
}

/** Single-threaded Python: no OpenMP/BLAS thread pools (the estimator itself runs with n_jobs=1). */
const PYTHON_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  OMP_NUM_THREADS: '1',
  OPENBLAS_NUM_THREADS: '1',
  MKL_NUM_THREADS: '1',
  PYTHONHASHSEED: '0',
}

const TIMEOUT_MS = 10 * 60_000

/** Check that Python, numpy and scikit-learn are usable for `model`; report their versions. */
export async function probeSklearn(model: SklearnModel): Promise<Outcome<SklearnVersions>> {
  const parsed = parseOutput(await callScript(model, ['--probe']))
  if (!parsed.ok) return parsed
  const versions = asVersions(parsed.value)
  return versions === undefined ? { ok: false, reason: 'unexpected --probe output' } : { ok: true, value: versions }
}

export async function runSklearn(
  model: SklearnModel,
  csvPath: string,
  seeds: readonly number[],
  warmupSeed: number,
  params: Readonly<Record<string, string | number | boolean>>,
): Promise<Outcome<SklearnRun>> {
  const args = ['--csv', csvPath, '--seeds', seeds.join(','), '--warmup-seed', String(warmupSeed), '--params', JSON.stringify(params)]
  const parsed = parseOutput(await callScript(model, args))
  if (!parsed.ok) return parsed
  const run = asRun(parsed.value)
  return run === undefined ? { ok: false, reason: 'unexpected JSON shape from the scikit-learn script' } : { ok: true, value: run }
}

function callScript(model: SklearnModel, args: readonly string[]): Promise<ProcessOutcome> {
  return runProcess(pythonExecutable(), [path.join(benchDir, SCRIPTS[model]), ...args], { env: PYTHON_ENV, timeoutMs: TIMEOUT_MS })
}

function parseOutput(outcome: ProcessOutcome): Outcome<Record<string, unknown>> {
  if (outcome.spawnError !== undefined) return { ok: false, reason: `cannot start ${pythonExecutable()}: ${outcome.spawnError}` }
  let value: unknown
  try {
    value = JSON.parse(outcome.stdout)
  } catch {
    const detail = lastLine(outcome.stderr) ?? lastLine(outcome.stdout) ?? 'no output'
    return { ok: false, reason: `${pythonExecutable()} exited with code ${String(outcome.code)}: ${detail}` }
  }
  if (!isRecord(value)) return { ok: false, reason: 'the scikit-learn script printed JSON that is not an object' }
  if (typeof value['error'] === 'string') return { ok: false, reason: value['error'] }
  if (outcome.code !== 0) return { ok: false, reason: `${pythonExecutable()} exited with code ${String(outcome.code)}` }
  return { ok: true, value }
}

function asVersions(v: Record<string, unknown>): SklearnVersions | undefined {
  const { python, sklearn, numpy } = v
  return typeof python === 'string' && typeof sklearn === 'string' && typeof numpy === 'string' ? { python, sklearn, numpy } : undefined
}

function asRun(v: Record<string, unknown>): SklearnRun | undefined {
  const { rows, cols, runs } = v
  if (typeof rows !== 'number' || typeof cols !== 'number' || !Array.isArray(runs)) return undefined
  const parsed: TimedScores[] = []
  for (const run of runs as unknown[]) {
    if (!isRecord(run)) return undefined
    const { seed, train_ms: trainMs, score_ms: scoreMs, scores } = run
    if (typeof seed !== 'number' || typeof trainMs !== 'number' || typeof scoreMs !== 'number') return undefined
    if (!Array.isArray(scores) || !scores.every((s): s is number => typeof s === 'number')) return undefined
    parsed.push({ seed, trainMs, scoreMs, scores: Float64Array.from(scores) })
  }
  return { rows, cols, runs: parsed }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function lastLine(text: string): string | undefined {
  const lines = text.trim().split('\n')
  const last = lines[lines.length - 1]
  return last === undefined || last === '' ? undefined : last
}
