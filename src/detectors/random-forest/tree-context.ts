import type { BinnedMatrix } from '../../math/bin-features.js'
import type { Rng } from '../../math/random.js'
import { createCandidate, type NodeTotals, type SplitCandidate } from './best-split.js'
import { BIN_STRIDE, type HistogramInput } from './histogram.js'

/** Stopping rules and feature sampling, resolved to plain numbers. */
export interface GrowSettings {
  /** Infinity when unlimited. */
  readonly maxDepth: number
  readonly minSplit: number
  readonly minLeaf: number
  /** Features to evaluate per split (features constant in the node do not count). */
  readonly featuresPerSplit: number
  /** Cost ratio above which a split passes full histograms to its children (see `childHistograms`); 0 = never. */
  readonly subtractionFavour: number
}

/**
 * Everything tree growth reads and the buffers it reuses, allocated once per
 * forest so no tree or node allocates (besides full histograms, pooled).
 */
export interface TreeContext {
  readonly binned: BinnedMatrix
  readonly edges: readonly Float64Array[]
  /** Codes, labels and this tree's bootstrap counts (`counts` is refilled per tree). */
  readonly input: HistogramInput
  readonly settings: GrowSettings
  /** int32 values per feature in a full histogram (max bins x BIN_STRIDE). */
  readonly featureStride: number
  /** This tree's rows: the in-bag rows of a node are a contiguous range. */
  readonly sample: Int32Array
  readonly tmp: Int32Array
  /** Zeroed single-feature histogram for nodes without a full one, and its touched-bin list. */
  readonly scratch: Int32Array
  readonly touched: Int32Array
  readonly bins: Int32Array
  /** Feature order for without-replacement draws (reset per tree by `growTree`). */
  readonly perm: Int32Array
  /** Full (all-feature) histograms: `free` indexes the unused ones. */
  readonly histograms: Int32Array[]
  readonly free: number[]
  readonly best: SplitCandidate
  readonly totals: NodeTotals
  rng: Rng
}

export function createTreeContext(
  binned: BinnedMatrix,
  edges: readonly Float64Array[],
  y: Uint8Array,
  settings: GrowSettings,
  rng: Rng,
): TreeContext {
  let maxBins = 1
  for (let f = 0; f < binned.cols; f++) maxBins = Math.max(maxBins, binned.binCounts[f] as number)
  return {
    binned,
    edges,
    input: { codes: binned.codes, rows: binned.rows, y, counts: new Int32Array(binned.rows) },
    settings,
    featureStride: maxBins * BIN_STRIDE,
    sample: new Int32Array(binned.rows),
    tmp: new Int32Array(binned.rows),
    scratch: new Int32Array(maxBins * BIN_STRIDE),
    touched: new Int32Array(maxBins),
    bins: new Int32Array(maxBins),
    perm: new Int32Array(binned.cols),
    histograms: [],
    free: [],
    best: createCandidate(),
    totals: { k0: 0, k1: 0, rows: 0, w0: 1, w1: 1, minLeaf: settings.minLeaf },
    rng,
  }
}

/** A full histogram from the pool (contents undefined); returns its index. */
export function takeHistogram(ctx: TreeContext): number {
  const reused = ctx.free.pop()
  if (reused !== undefined) return reused
  ctx.histograms.push(new Int32Array(ctx.featureStride * ctx.binned.cols))
  return ctx.histograms.length - 1
}

export function releaseHistogram(ctx: TreeContext, slot: number): void {
  if (slot >= 0) ctx.free.push(slot)
}
