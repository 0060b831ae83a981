/** Turn one side's per-seed scores and timings into the reported numbers, with the same metric code for both sides. */
import { averagePrecision, rocAuc } from '../src/math/metrics.js'
import { mean, median } from './stats.js'

/** What one side produced for one seed. */
export interface TimedScores {
  readonly seed: number
  readonly trainMs: number
  readonly scoreMs: number
  readonly scores: ArrayLike<number>
}

export interface SeedResult {
  readonly seed: number
  readonly trainMs: number
  readonly scoreMs: number
  readonly auroc: number
  readonly prAuc: number
}

export interface SideResult {
  /** Mean over seeds. */
  readonly auroc: number
  /** Average precision, mean over seeds. */
  readonly prAuc: number
  /** Median over seeds. */
  readonly trainMs: number
  /** Median over seeds; batch scoring of all rows. */
  readonly scoreMs: number
  readonly seeds: readonly SeedResult[]
}

export function summarizeSide(runs: readonly TimedScores[], labels: Uint8Array): SideResult {
  const seeds = runs.map((run): SeedResult => {
    if (run.scores.length !== labels.length) throw new Error(`seed ${run.seed}: ${run.scores.length} scores for ${labels.length} rows`)
    return {
      seed: run.seed,
      trainMs: run.trainMs,
      scoreMs: run.scoreMs,
      auroc: rocAuc(run.scores, labels),
      prAuc: averagePrecision(run.scores, labels),
    }
  })
  return {
    auroc: mean(seeds.map((s) => s.auroc)),
    prAuc: mean(seeds.map((s) => s.prAuc)),
    trainMs: median(seeds.map((s) => s.trainMs)),
    scoreMs: median(seeds.map((s) => s.scoreMs)),
    seeds,
  }
}
