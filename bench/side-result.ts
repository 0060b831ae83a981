/**
 * Turn one side's events into the reported numbers. Both sides' scores go
 * through the same metric code (src/math/metrics.ts) against the same test
 * labels.
 */
import { averagePrecision, rocAuc } from '../src/math/metrics.js'
import type { SideRun } from './side-process.js'
import { mean, median } from './stats.js'
import { appliedSubsample, type Subsample } from './subsample.js'
import type { Notes } from './worker-protocol.js'

export interface SeedResult {
  readonly seed: number
  readonly trainRows: number
  readonly trainMs: number
  readonly batchMs: number
  readonly auroc: number
  readonly prAuc: number
  readonly notes: Notes
}

export interface SideSummary {
  readonly seedsAsked: number
  /** Mean over the seeds done. */
  readonly auroc?: number
  readonly prAuc?: number
  /** Median over the seeds done. */
  readonly trainMs?: number
  /** Median over the seeds done: scoring `batchRows` rows in one call. */
  readonly batchMs?: number
  readonly batchRows?: number
  /** Median of one-row scoring calls (first seed's model). */
  readonly latencyUs?: number
  /** One-row calls timed (fewer than asked when they hit the time cap). */
  readonly latencyCalls?: number
  /** Peak RSS minus the RSS after loading the data (MB). */
  readonly memoryMb?: number
  readonly baselineRssMb?: number
  readonly peakRssMb?: number
  /** Set when Vigil trained on a subsample of the rows it was given (`notes.max_samples_applied`, first seed). */
  readonly subsample?: Subsample
  readonly trainRows?: number
  /** Warning categories raised while fitting (scikit-learn side, e.g. ConvergenceWarning). */
  readonly warnings?: string
  readonly stopped?: string
  readonly error?: string
  readonly seeds: readonly SeedResult[]
}

const MB = 1024

export function summarizeSide(run: SideRun, seedsAsked: number, testLabels: ReadonlyMap<number, Uint8Array>): SideSummary {
  const seeds: SeedResult[] = []
  let error = run.error
  for (const s of run.seeds) {
    const labels = testLabels.get(s.seed)
    if (labels === undefined || labels.length !== s.scores.length) {
      error ??= `seed ${s.seed}: ${s.scores.length} scores for ${labels?.length ?? 0} test rows`
      continue
    }
    seeds.push({ seed: s.seed, trainRows: s.trainRows, trainMs: s.trainMs, batchMs: s.batchMs, auroc: rocAuc(s.scores, labels), prAuc: averagePrecision(s.scores, labels), notes: s.notes })
  }
  if (seeds.length === 0 && error === undefined) error = 'no results (the child process printed no seed)'
  const first = run.seeds[0]
  const warnings = [...new Set(run.seeds.map((s) => s.notes['warnings']).filter((w): w is string => typeof w === 'string' && w !== ''))]
  const subsample = first === undefined ? undefined : appliedSubsample(first.notes, first.trainRows)
  return {
    seedsAsked,
    ...(seeds.length > 0
      ? {
          auroc: mean(seeds.map((s) => s.auroc)),
          prAuc: mean(seeds.map((s) => s.prAuc)),
          trainMs: median(seeds.map((s) => s.trainMs)),
          batchMs: median(seeds.map((s) => s.batchMs)),
        }
      : {}),
    ...(first === undefined ? {} : { batchRows: first.batchRows, trainRows: first.trainRows }),
    ...(subsample === undefined ? {} : { subsample }),
    ...(run.latency === undefined ? {} : { latencyUs: run.latency.medianUs, latencyCalls: run.latency.calls }),
    ...memory(run),
    ...(warnings.length === 0 ? {} : { warnings: warnings.join(', ') }),
    ...(run.stopped === undefined ? {} : { stopped: run.stopped }),
    ...(error === undefined ? {} : { error }),
    seeds,
  }
}

/** Peak minus baseline, both as reported by the child (Node `resourceUsage().maxRSS`, Python `ru_maxrss`). */
export function memory(run: Pick<SideRun, 'baselineRssKb' | 'peakRssKb'>): Pick<SideSummary, 'memoryMb' | 'baselineRssMb' | 'peakRssMb'> {
  const { baselineRssKb: base, peakRssKb: peak } = run
  if (base === undefined || peak === undefined) return {}
  return { memoryMb: (peak - base) / MB, baselineRssMb: base / MB, peakRssMb: peak / MB }
}
