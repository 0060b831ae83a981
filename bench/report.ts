/** The shape of one bench run: what is printed, written to docs/benchmarks.md and saved as raw JSON. */
import type { SideResult } from './side-result.js'
import type { SklearnVersions } from './sklearn.js'

export interface DatasetResult {
  readonly dataset: string
  readonly rows: number
  readonly cols: number
  readonly anomalies: number
  readonly vigil: SideResult
  /** Null when scikit-learn could not run; `sklearnReason` says why. */
  readonly sklearn: SideResult | null
  readonly sklearnReason?: string
}

export interface CaseResult {
  readonly id: string
  readonly title: string
  readonly protocol: string
  readonly datasets: readonly DatasetResult[]
}

export interface Environment {
  readonly node: string
  readonly platform: string
  readonly cpu: string
  readonly cores: number
  /** Absent when scikit-learn is unavailable. */
  readonly python?: SklearnVersions
}

export interface BenchReport {
  readonly generatedAt: string
  readonly environment: Environment
  readonly seeds: readonly number[]
  readonly warmupSeed: number
  readonly cases: readonly CaseResult[]
  /** Datasets that were skipped, with the reason. */
  readonly skipped: readonly string[]
}
