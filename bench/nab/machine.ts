/** One line naming the machine and versions a run was measured on. */
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { repoRoot } from './paths.js'

export function describeMachine(): string {
  const cpus = os.cpus()
  const memoryGb = Math.round(os.totalmem() / 2 ** 30)
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} logical CPUs, ${memoryGb} GB RAM, ${os.type()} ${os.release()} ${os.arch()}; Vigil ${vigilVersion()}, Node ${process.versions.node}`
}

/** The 1-minute load average: other work on the machine slows the run (the scores do not change). */
export function loadAverage(): number {
  return os.loadavg()[0] ?? NaN
}

function vigilVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version?: unknown }
    return typeof pkg.version === 'string' ? pkg.version : 'unknown'
  } catch {
    return 'unknown'
  }
}
