/**
 * NAB's scoring (Lavin & Ahmad 2015; numenta/NAB `sweeper.py`), reimplemented:
 * each row gets a weight for "what a detection here is worth", a window is
 * scored by its best (= earliest) detection or costs A_FN when it has none,
 * detections outside windows cost A_FP scaled by their distance after the
 * preceding window, rows of the probationary period are ignored, and one
 * threshold per detector is chosen to maximise the total over the corpus.
 */

/** Inclusive row range of one anomaly window. */
export interface WindowRange {
  readonly start: number
  readonly end: number
}

/** NAB's cost matrix; weights are magnitudes (A_FP = -fp, A_FN = -fn). */
export interface CostProfile {
  readonly tp: number
  readonly fp: number
  readonly fn: number
}

/** NAB's "standard" application profile. */
export const STANDARD_PROFILE: CostProfile = { tp: 1, fp: 0.11, fn: 1 }

export const PROBATION_PERCENT = 0.15

/** Window id of rows outside any window, and of rows in the probationary period. */
export const OUTSIDE = -1
export const PROBATIONARY = -2

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x))
}

/**
 * 2·sigmoid(-5·y) - 1: about +0.987 at the left edge of a window (y = -1), 0 at
 * its right edge (y = 0), then down to -1 after it (-1 from y = 3 on).
 */
export function scaledSigmoid(relativePosition: number): number {
  return relativePosition >= 3 ? -1 : 2 * sigmoid(-5 * relativePosition) - 1
}

/** Rows at the start of a series whose detections are ignored: 15% of the rows, at most 15% of 5000. */
export function probationLength(rows: number, percent = PROBATION_PERCENT): number {
  return Math.min(Math.floor(percent * rows), percent * 5000)
}

/** What a detection at each row is worth, and which window (or none) it belongs to. */
export interface SweepPoints {
  readonly weight: Float64Array
  /** Window index, OUTSIDE, or PROBATIONARY. */
  readonly window: Int32Array
  /** Windows with at least one row after the probationary period. */
  readonly scorableWindows: number
}

export function sweepPoints(rows: number, windows: readonly WindowRange[], profile: CostProfile = STANDARD_PROFILE): SweepPoints {
  const weight = new Float64Array(rows)
  const window = new Int32Array(rows).fill(OUTSIDE)
  const probation = probationLength(rows)
  const maxTp = scaledSigmoid(-1)
  const sorted = [...windows].sort((a, b) => a.start - b.start)
  let next = 0
  let prev: WindowRange | undefined
  for (let i = 0; i < rows; i++) {
    while (next < sorted.length && (sorted[next] as WindowRange).end < i) prev = sorted[next++]
    const cur = sorted[next]
    if (cur !== undefined && i >= cur.start) {
      const width = cur.end - cur.start + 1
      weight[i] = (scaledSigmoid(-(cur.end - i + 1) / width) * profile.tp) / maxTp
      window[i] = i >= probation ? windows.indexOf(cur) : PROBATIONARY
    } else {
      // distance after the preceding window in units of (its width - 1), as NAB; a one-row window gives Infinity = the full cost
      const position = prev === undefined ? 3 : (i - prev.end) / (prev.end - prev.start)
      weight[i] = scaledSigmoid(position) * profile.fp
      window[i] = i >= probation ? OUTSIDE : PROBATIONARY
    }
  }
  const scorable = new Set(Array.from(window).filter((w) => w >= 0)).size
  return { weight, window, scorableWindows: scorable }
}

export interface NabResult {
  /** Sum of window scores and false-positive costs. */
  readonly raw: number
  /** 0 = the null detector (no detections), 100 = every window detected at its first row, no false positives. */
  readonly normalized: number
  readonly detectedWindows: number
  readonly windows: number
  readonly falsePositives: number
}

export function normalize(raw: number, windows: number, profile: CostProfile = STANDARD_PROFILE): number {
  const nullScore = -profile.fn * windows
  const perfect = profile.tp * windows
  return perfect === nullScore ? NaN : (100 * (raw - nullScore)) / (perfect - nullScore)
}

/** NAB score of one series when rows scoring at or above `threshold` are detections. */
export function scoreSeries(points: SweepPoints, scores: ArrayLike<number>, threshold: number, profile: CostProfile = STANDARD_PROFILE): NabResult {
  const best = new Float64Array(windowCount(points)).fill(-profile.fn)
  const hit = new Uint8Array(best.length)
  let fpCost = 0
  let falsePositives = 0
  for (let i = 0; i < scores.length; i++) {
    const w = points.window[i] as number
    if (w === PROBATIONARY || !((scores[i] as number) >= threshold)) continue
    const weight = points.weight[i] as number
    if (w === OUTSIDE) {
      fpCost += weight
      falsePositives++
    } else {
      hit[w] = 1
      best[w] = Math.max(best[w] as number, weight)
    }
  }
  let raw = fpCost
  let detected = 0
  for (let w = 0; w < best.length; w++) {
    if (!isScorable(points, w)) continue
    raw += best[w] as number
    detected += hit[w] as number
  }
  return { raw, normalized: normalize(raw, points.scorableWindows, profile), detectedWindows: detected, windows: points.scorableWindows, falsePositives }
}

export interface CorpusSeries {
  readonly points: SweepPoints
  readonly scores: ArrayLike<number>
}

export interface BestThreshold {
  /** Detections are rows scoring at or above this (Infinity = none). */
  readonly threshold: number
  /** Share of all scored rows of the corpus below the threshold. */
  readonly quantile: number
  readonly raw: number
  readonly normalized: number
}

/**
 * NAB's threshold sweep over a whole corpus: lower the threshold one distinct
 * score at a time, updating the total incrementally, and keep the best.
 * Ties keep the higher threshold (fewer detections).
 */
export function bestThreshold(corpus: readonly CorpusSeries[], profile: CostProfile = STANDARD_PROFILE): BestThreshold {
  const entries: { score: number; weight: number; window: number }[] = []
  let windowOffset = 0
  let windows = 0
  let rows = 0
  for (const { points, scores } of corpus) {
    rows += scores.length
    for (let i = 0; i < scores.length; i++) {
      const w = points.window[i] as number
      const score = scores[i] as number
      if (w === PROBATIONARY || Number.isNaN(score)) continue
      entries.push({ score, weight: points.weight[i] as number, window: w === OUTSIDE ? OUTSIDE : windowOffset + w })
    }
    windowOffset += windowCount(points)
    windows += points.scorableWindows
  }
  entries.sort((a, b) => b.score - a.score)
  const best = new Float64Array(windowOffset).fill(-profile.fn)
  let total = -profile.fn * windows
  let top = { threshold: Infinity, raw: total }
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k] as { score: number; weight: number; window: number }
    if (e.window === OUTSIDE) total += e.weight
    else if (e.weight > (best[e.window] as number)) {
      total += e.weight - (best[e.window] as number)
      best[e.window] = e.weight
    }
    const lastOfTie = k + 1 === entries.length || (entries[k + 1] as { score: number }).score !== e.score
    if (lastOfTie && total > top.raw) top = { threshold: e.score, raw: total }
  }
  return { ...top, quantile: shareBelow(corpus, top.threshold, rows), normalized: normalize(top.raw, windows, profile) }
}

function shareBelow(corpus: readonly CorpusSeries[], threshold: number, rows: number): number {
  let below = 0
  for (const { scores } of corpus) for (let i = 0; i < scores.length; i++) if ((scores[i] as number) < threshold) below++
  return rows === 0 ? NaN : below / rows
}

function windowCount(points: SweepPoints): number {
  let max = -1
  for (const w of points.window) if (w > max) max = w
  return max + 1
}

function isScorable(points: SweepPoints, w: number): boolean {
  return points.window.includes(w)
}
