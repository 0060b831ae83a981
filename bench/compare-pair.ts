/** One (algorithm, dataset) pair: Vigil's side, then scikit-learn's, each in its own child process, one after the other. */
import type { BenchAlgorithm } from './algorithms.js'
import type { PreparedDataset } from './prepare-data.js'
import { withPrefix, type Progress } from './progress.js'
import { BATCH_ROWS, LATENCY_CALLS, LATENCY_MAX_SECONDS, LATENCY_WARMUP_CALLS, WARMUP_ROUNDS, WARMUP_SEED } from './protocol.js'
import type { DatasetResult } from './report.js'
import { summarizeSide } from './side-result.js'
import { runSide, type Side } from './side-process.js'
import type { Outcome, SklearnVersions } from './sklearn.js'
import type { WorkerArgs } from './worker-args.js'

export interface PairSettings {
  readonly seeds: readonly number[]
  readonly budgetMinutes: number
  readonly timeoutMinutes: number
  readonly sklearn: Outcome<SklearnVersions>
  readonly progress: Progress
}

export async function comparePair(algorithm: BenchAlgorithm, ds: PreparedDataset, s: PairSettings): Promise<DatasetResult> {
  const args: WorkerArgs = {
    mode: 'compare',
    dataDir: ds.dir,
    seeds: s.seeds,
    batchRows: BATCH_ROWS,
    latencyCalls: LATENCY_CALLS,
    latencyWarmupCalls: LATENCY_WARMUP_CALLS,
    latencyMaxSeconds: LATENCY_MAX_SECONDS,
    budgetSeconds: s.budgetMinutes * 60,
    warmupRounds: WARMUP_ROUNDS,
    warmupSeed: WARMUP_SEED,
  }
  const side = async (which: Side) => {
    const progress = withPrefix(s.progress, `${algorithm.id} / ${ds.name} / ${which}: `)
    progress(`started (${s.seeds.length} seed${s.seeds.length === 1 ? '' : 's'})`)
    const run = await runSide({ side: which, algorithm: algorithm.id, args, timeoutMs: s.timeoutMinutes * 60_000, progress })
    return summarizeSide(run, s.seeds.length, ds.testLabels)
  }
  const { meta } = ds
  const base = { dataset: ds.name, rows: meta.rows, cols: meta.cols, anomalies: meta.anomalies }
  const vigil = await side('vigil')
  if (!s.sklearn.ok) return { ...base, vigil, sklearn: null, sklearnReason: s.sklearn.reason }
  return { ...base, vigil, sklearn: await side('sklearn') }
}
