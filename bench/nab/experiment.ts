/** The whole comparison: raw / auto per available algorithm, the rolling z-score baseline, and the ablations. */
import { registry } from '../../src/detectors/registry.js'
import { BASELINE_WINDOW, rollingZScores } from './baseline.js'
import { scoreCorpus, uploadCorpus } from './collect.js'
import { corpusPoints, evaluateRun, meanOverRuns, type MeanMetrics } from './evaluate.js'
import type { NabSeries } from './series.js'
import { openSession } from './vigil-session.js'
import { ABLATIONS, AUTO, RAW, SEEDS, type Variant } from './ways.js'

export interface VariantResult {
  readonly variant: Variant
  readonly metrics: MeanMetrics
}

export interface AlgorithmResult {
  readonly algorithm: string
  readonly seeds: readonly number[]
  readonly raw: MeanMetrics
  readonly auto: MeanMetrics
}

export interface BenchResult {
  readonly series: readonly NabSeries[]
  readonly baseline: MeanMetrics
  /** The baseline with other windows, to show how much w matters. */
  readonly baselineByWindow: readonly { readonly window: number; readonly metrics: MeanMetrics }[]
  readonly algorithms: readonly AlgorithmResult[]
  /** Isolation forest with auto's settings changed; empty unless asked for. */
  readonly ablations: readonly VariantResult[]
}

export const ALGORITHMS = ['isolation_forest', 'local_outlier_factor'] as const
/** Baseline windows shown besides the default (6400 is NAB's windowed Gaussian's). */
const BASELINE_WINDOWS = [7, 14, 48, 288, 1000, 6400]

export async function runExperiment(series: readonly NabSeries[], withAblations: boolean, log: (line: string) => void): Promise<BenchResult> {
  const points = corpusPoints(series)
  const baselineFor = (w: number): MeanMetrics => meanOverRuns([evaluateRun(series, points, series.map((s) => rollingZScores(s.values, w)))])
  const baseline = baselineFor(BASELINE_WINDOW)
  const baselineByWindow = BASELINE_WINDOWS.map((window) => ({ window, metrics: baselineFor(window) }))
  const session = await openSession()
  try {
    const corpus = await uploadCorpus(session, series)
    const measure = async (algorithm: string, variant: Variant, seeds: readonly number[]): Promise<MeanMetrics> => {
      const runs = []
      for (const seed of seeds) {
        const started = Date.now()
        runs.push(evaluateRun(series, points, await scoreCorpus(session, corpus, algorithm, variant, seed)))
        log(`${algorithm} ${variant.key} seed ${seed}: ${((Date.now() - started) / 1000).toFixed(1)} s`)
      }
      return meanOverRuns(runs)
    }
    const algorithms: AlgorithmResult[] = []
    for (const algorithm of ALGORITHMS.filter((a) => registry.has(a))) {
      const seeds = algorithm === 'isolation_forest' ? SEEDS : SEEDS.slice(0, 1)
      algorithms.push({ algorithm, seeds, raw: await measure(algorithm, RAW, seeds), auto: await measure(algorithm, AUTO, seeds) })
    }
    const ablations: VariantResult[] = []
    if (withAblations) for (const variant of ABLATIONS) ablations.push({ variant, metrics: await measure('isolation_forest', variant, SEEDS) })
    return { series, baseline, baselineByWindow, algorithms, ablations }
  } finally {
    await session.close()
  }
}
