/** The command line shared by both bench children (bench/vigil-worker.ts and bench/sklearn_bench.py). */

export interface WorkerArgs {
  /** `compare`: per seed, fit the train split and score the test split (npm run bench). `train`: one fit on all rows (npm run bench:large). */
  readonly mode: 'compare' | 'train'
  /** Folder written by data-files.ts. */
  readonly dataDir: string
  readonly seeds: readonly number[]
  readonly batchRows: number
  readonly latencyCalls: number
  readonly latencyWarmupCalls: number
  /** Timed one-row calls stop early once they add up to this. */
  readonly latencyMaxSeconds: number
  /** No further seed is started once the seeds so far project beyond this. */
  readonly budgetSeconds: number
  /** Untimed warm-up fit + score rounds on the warm-up subset, with seeds warmupSeed, warmupSeed + 1, ... */
  readonly warmupRounds: number
  readonly warmupSeed: number
}

export function workerArgv(a: WorkerArgs): string[] {
  return [
    '--mode', a.mode,
    '--data', a.dataDir,
    '--seeds', a.seeds.join(','),
    '--batch-rows', String(a.batchRows),
    '--latency-calls', String(a.latencyCalls),
    '--latency-warmup', String(a.latencyWarmupCalls),
    '--latency-max-s', String(a.latencyMaxSeconds),
    '--budget-s', String(a.budgetSeconds),
    '--warmup-rounds', String(a.warmupRounds),
    '--warmup-seed', String(a.warmupSeed),
  ]
}
