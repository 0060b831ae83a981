/** The machine and versions a run was measured on. */
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { repoRoot } from './paths.js'
import type { SklearnVersions } from './sklearn.js'

export interface Environment {
  readonly node: string
  readonly vigil: string
  readonly platform: string
  readonly cpu: string
  readonly cores: number
  readonly memoryGb: number
  /** Absent when scikit-learn is unavailable. */
  readonly python?: SklearnVersions
}

export function environment(python: SklearnVersions | undefined): Environment {
  const cpus = os.cpus()
  return {
    node: process.versions.node,
    vigil: vigilVersion(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    ...(python === undefined ? {} : { python }),
  }
}

export function describeEnvironment(env: Environment): string {
  const py = env.python
  return (
    `${env.cpu}, ${env.cores} logical CPUs, ${env.memoryGb} GB RAM, ${env.platform}; Vigil ${env.vigil}, Node ${env.node}` +
    (py === undefined ? '; scikit-learn unavailable' : `; Python ${py.python}, scikit-learn ${py.sklearn}, numpy ${py.numpy}`)
  )
}

function vigilVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version?: unknown }
    return typeof pkg.version === 'string' ? pkg.version : 'unknown'
  } catch {
    return 'unknown'
  }
}
