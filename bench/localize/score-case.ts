/** Exact-match counts of one case, as RiskLoc scores it: a predicted root cause counts only if it equals a planted one. */
export interface CaseScore {
  readonly truePositives: number
  readonly falsePositives: number
  readonly falseNegatives: number
}

export function scoreCase(predicted: readonly Record<string, string>[], truth: readonly Record<string, string>[]): CaseScore {
  const key = (rc: Record<string, string>): string =>
    Object.entries(rc)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&')
  const planted = new Set(truth.map(key))
  const found = new Set(predicted.map(key))
  let truePositives = 0
  for (const k of found) if (planted.has(k)) truePositives++
  return { truePositives, falsePositives: found.size - truePositives, falseNegatives: planted.size - truePositives }
}

/** Micro-averaged precision, recall and F1 over many cases (sums of counts first). */
export function aggregateScores(scores: readonly CaseScore[]): { precision: number; recall: number; f1: number } {
  let tp = 0
  let fp = 0
  let fn = 0
  for (const s of scores) {
    tp += s.truePositives
    fp += s.falsePositives
    fn += s.falseNegatives
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0
  return { precision, recall, f1 }
}
