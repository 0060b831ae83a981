/** The shape of one `npm run bench` run: what is printed, written to docs/benchmarks.md and saved as raw JSON. */
import type { Environment } from './environment.js'
import type { SideSummary } from './side-result.js'

export interface DatasetResult {
  readonly dataset: string
  readonly rows: number
  readonly cols: number
  readonly anomalies: number
  readonly vigil: SideSummary
  /** Null when scikit-learn could not run at all; `sklearnReason` says why. */
  readonly sklearn: SideSummary | null
  readonly sklearnReason?: string
}

export interface AlgorithmResult {
  readonly id: string
  readonly title: string
  readonly supervised: boolean
  /** False when this build does not register the algorithm; it was then skipped. */
  readonly registered: boolean
  /** Vigil's parameters: the plugin's defaults. */
  readonly vigilParams?: Readonly<Record<string, unknown>>
  readonly sklearn: string
  readonly sklearnScore: string
  readonly maxTrainRatio: number
  readonly datasets: readonly DatasetResult[]
}

export interface BenchReport {
  readonly generatedAt: string
  /** Every registered algorithm, every dataset, the default seeds, scikit-learn available: only such a run rewrites the doc. */
  readonly complete: boolean
  readonly environment: Environment
  readonly seeds: readonly number[]
  readonly trainFraction: number
  readonly batchRows: number
  readonly latencyCalls: number
  readonly budgetMinutes: number
  readonly timeoutMinutes: number
  readonly wallMs: number
  readonly algorithms: readonly AlgorithmResult[]
  /** Datasets that were skipped, with the reason. */
  readonly skippedDatasets: readonly string[]
  /** Set by `npm run bench:doc` when the report joins per-algorithm runs: which run each algorithm came from. */
  readonly sources?: readonly RunSource[]
}

export interface RunSource {
  readonly algorithm: string
  readonly generatedAt: string
  readonly wallMs: number
}
