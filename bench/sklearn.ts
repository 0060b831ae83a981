/** The scikit-learn side: how bench/sklearn_bench.py is started, and the check that Python and scikit-learn are usable. */
import path from 'node:path'
import { benchDir, pythonExecutable } from './paths.js'
import { runProcess } from './run-process.js'

export const SKLEARN_SCRIPT = path.join(benchDir, 'sklearn_bench.py')

export interface SklearnVersions {
  readonly python: string
  readonly sklearn: string
  readonly numpy: string
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string }

/** Single-threaded Python: no OpenMP/BLAS thread pools (estimators with `n_jobs` get n_jobs=1). */
export const PYTHON_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  OMP_NUM_THREADS: '1',
  OPENBLAS_NUM_THREADS: '1',
  MKL_NUM_THREADS: '1',
  BLIS_NUM_THREADS: '1',
  PYTHONHASHSEED: '0',
}

/** Check that Python, numpy and scikit-learn are usable; report their versions. */
export async function probeSklearn(): Promise<Outcome<SklearnVersions>> {
  const python = pythonExecutable()
  const outcome = await runProcess(python, [SKLEARN_SCRIPT, '--probe'], { env: PYTHON_ENV, timeoutMs: 60_000 })
  if (outcome.spawnError !== undefined) return { ok: false, reason: `cannot start ${python}: ${outcome.spawnError}` }
  let value: unknown
  try {
    value = JSON.parse(outcome.stdout)
  } catch {
    return { ok: false, reason: `${python} exited with code ${String(outcome.code)}: ${lastLine(outcome.stderr) ?? 'no output'}` }
  }
  if (typeof value !== 'object' || value === null) return { ok: false, reason: 'unexpected --probe output' }
  const v = value as Record<string, unknown>
  if (typeof v['message'] === 'string') return { ok: false, reason: v['message'] }
  const { python: py, sklearn, numpy } = v
  if (typeof py !== 'string' || typeof sklearn !== 'string' || typeof numpy !== 'string') return { ok: false, reason: 'unexpected --probe output' }
  return { ok: true, value: { python: py, sklearn, numpy } }
}

export function lastLine(text: string): string | undefined {
  const lines = text.trim().split('\n')
  const last = lines[lines.length - 1]?.trim()
  return last === undefined || last === '' ? undefined : last
}
