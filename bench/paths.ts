/** Where the bench finds the repository, its data and its outputs. */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const benchDir = path.dirname(fileURLToPath(import.meta.url))
export const repoRoot = path.resolve(benchDir, '..')

/** The shared data folder: `$VIGIL_DATA_DIR`, else `../shared/data` next to the repository. */
export function dataDir(): string {
  const override = process.env['VIGIL_DATA_DIR']
  return override !== undefined && override !== '' ? path.resolve(override) : path.resolve(repoRoot, '../shared/data')
}

/** The Python interpreter: `$VIGIL_PYTHON`, else Debian's `/usr/bin/python3` when present, else `python3` on PATH. */
export function pythonExecutable(): string {
  const override = process.env['VIGIL_PYTHON']
  if (override !== undefined && override !== '') return override
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'
}

/** Raw JSON of every run, and the synthetic sets as CSV; git-ignored. */
export const resultsDir = path.join(benchDir, 'results')
export const syntheticCsvDir = path.join(resultsDir, 'data')
export const benchmarksDoc = path.join(repoRoot, 'docs', 'benchmarks.md')
export const largeBenchmarksDoc = path.join(repoRoot, 'docs', 'benchmarks-large.md')
