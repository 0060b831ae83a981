/** Runs bench/defaults/sklearn_defaults.py on one split and collects its scores per algorithm. */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { benchDir, pythonExecutable } from '../paths.js'

export interface SklearnScores {
  readonly version: string
  readonly scores: Map<string, { readonly scores: Float64Array; readonly seconds: number }>
}

export async function runSklearn(splitDir: string, algorithms: readonly string[]): Promise<SklearnScores> {
  const script = path.join(benchDir, 'defaults', 'sklearn_defaults.py')
  const child = spawn(pythonExecutable(), [script, splitDir, algorithms.join(',')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (b: Buffer) => (out += b.toString()))
  child.stderr.on('data', (b: Buffer) => (err += b.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  const result: SklearnScores = { version: 'unavailable', scores: new Map() }
  if (code !== 0) {
    console.warn(`scikit-learn side failed (exit ${code}): ${err.trim().split('\n').slice(-3).join(' | ')}; install it with: apt-get install -y python3-sklearn`)
    return result
  }
  let version = 'unavailable'
  for (const line of out.split('\n')) {
    if (line.trim() === '') continue
    const event = JSON.parse(line) as { event: string; sklearn?: string; algorithm?: string; seconds?: number; scores?: number[] }
    if (event.event === 'versions' && event.sklearn) version = event.sklearn
    if (event.event === 'scores' && event.algorithm && event.scores) {
      result.scores.set(event.algorithm, { scores: Float64Array.from(event.scores), seconds: event.seconds ?? NaN })
    }
  }
  return { ...result, version }
}
