/** Where the NAB bench finds the repository, the data and its report. */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The shared data folder: `$VIGIL_DATA_DIR`, else `../shared/data` next to the repository. */
export function nabDataDir(): string {
  const override = process.env['VIGIL_DATA_DIR']
  return override !== undefined && override !== '' ? path.resolve(override) : path.resolve(repoRoot, '..', 'shared', 'data')
}

/** NAB categories, as folders `nab-<category>` of the data folder. */
export const NAB_CATEGORIES = ['realKnownCause', 'realAWSCloudwatch', 'realTraffic'] as const

export const nabDoc = path.join(repoRoot, 'docs', 'benchmarks-nab.md')
