/** Time Vigil's side of a case: one untimed warm-up, then fit on all rows and score all rows per seed. */
import type { Matrix } from '../src/math/matrix.js'
import type { BenchCase } from './bench-case.js'
import type { TimedScores } from './side-result.js'

export async function runVigil(benchCase: BenchCase, X: Matrix, seeds: readonly number[], warmupSeed: number): Promise<TimedScores[]> {
  const warm = await benchCase.vigil(X, warmupSeed)
  warm.score(X)
  const runs: TimedScores[] = []
  for (const seed of seeds) {
    const t0 = performance.now()
    const model = await benchCase.vigil(X, seed)
    const t1 = performance.now()
    const scores = model.score(X)
    const t2 = performance.now()
    runs.push({ seed, trainMs: t1 - t0, scoreMs: t2 - t1, scores })
  }
  return runs
}
