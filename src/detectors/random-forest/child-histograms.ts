import { buildAll, subtractInto } from './histogram.js'
import { releaseHistogram, takeHistogram, type TreeContext } from './tree-context.js'

const ROOT_ROWS_PER_HISTOGRAM_VALUE = 4

/** Full-histogram slots handed to the two children of a split (-1 = none: histogram each drawn feature directly). */
export interface ChildSlots {
  left: number
  right: number
}

/**
 * The histogram subtraction trick, used only where it pays. A node holding a
 * full histogram (all features) can give both children theirs by building
 * the smaller child's (d x smaller rows) and subtracting it from its own in
 * place for the larger. Without it, each child histograms only the features
 * it draws (√d of them by default) from its own rows. With √d features per
 * split the trick wins on lopsided splits (a few rows peeled off a large
 * node, common with rare anomalies) and loses on even ones, so it is chosen
 * per split by comparing the two costs; `settings.subtractionFavour` > 1
 * credits the benefit the children's own splits get from inheriting a
 * histogram, 0 turns the trick off. Either way the trees are identical:
 * histograms hold exact integer counts.
 */
export function childHistograms(
  ctx: TreeContext,
  parent: number,
  start: number,
  mid: number,
  end: number,
  leftSplits: boolean,
  rightSplits: boolean,
  out: ChildSlots,
): void {
  out.left = -1
  out.right = -1
  if (parent < 0) return
  const smallIsLeft = mid - start <= end - mid
  const small = smallIsLeft ? mid - start : end - mid
  const large = smallIsLeft ? end - mid : mid - start
  const smallSplits = smallIsLeft ? leftSplits : rightSplits
  const largeSplits = smallIsLeft ? rightSplits : leftSplits
  const cols = ctx.binned.cols
  const histogramSize = cols * ctx.featureStride
  const subtractCost = cols * small + histogramSize
  const directCost = ctx.settings.featuresPerSplit * (large + (smallSplits ? small : 0))
  if (!largeSplits || subtractCost > directCost * ctx.settings.subtractionFavour) {
    releaseHistogram(ctx, parent)
    return
  }
  const child = takeHistogram(ctx)
  const own = ctx.histograms[child] as Int32Array
  buildAll(own, ctx.featureStride, ctx.input, cols, ctx.sample, smallIsLeft ? start : mid, smallIsLeft ? mid : end)
  subtractInto(ctx.histograms[parent] as Int32Array, own)
  const smallSlot = smallSplits ? child : -1
  if (!smallSplits) releaseHistogram(ctx, child)
  out.left = smallIsLeft ? smallSlot : parent
  out.right = smallIsLeft ? parent : smallSlot
}

/**
 * Whether the root starts with a full histogram, so that the subtraction
 * trick is available at all: on enough rows that reading them, not clearing
 * and scanning the histogram, is the cost.
 */
export function rootWantsHistogram(ctx: TreeContext, rows: number): boolean {
  return ctx.settings.subtractionFavour > 0 && rows >= ROOT_ROWS_PER_HISTOGRAM_VALUE * ctx.featureStride
}
