/**
 * Ranking metrics for labelled evaluation. Scores follow Vigil's convention
 * (higher = more anomalous), labels are 1 = anomaly.
 */

/** Area under the ROC curve (Mann-Whitney U with average ranks for ties). NaN if one class is absent. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length
  const order = sortedOrder(scores)
  let pos = 0
  let rankSumPos = 0
  let i = 0
  while (i < n) {
    let j = i
    const s = scores[order[i] as number] as number
    while (j + 1 < n && scores[order[j + 1] as number] === s) j++
    const avgRank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) {
        pos++
        rankSumPos += avgRank
      }
    }
    i = j + 1
  }
  const neg = n - pos
  if (pos === 0 || neg === 0) return NaN
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg)
}

/**
 * Average precision (area under the precision-recall curve, step-wise as
 * scikit-learn's `average_precision_score`). NaN without positives.
 */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length
  const order = sortedOrder(scores).reverse()
  let totalPos = 0
  for (let i = 0; i < n; i++) if (labels[i] === 1) totalPos++
  if (totalPos === 0) return NaN
  let tp = 0
  let fp = 0
  let ap = 0
  let prevRecall = 0
  let i = 0
  while (i < n) {
    // treat tied scores as one threshold
    const s = scores[order[i] as number] as number
    while (i < n && scores[order[i] as number] === s) {
      if (labels[order[i] as number] === 1) tp++
      else fp++
      i++
    }
    const recall = tp / totalPos
    const precision = tp / (tp + fp)
    ap += (recall - prevRecall) * precision
    prevRecall = recall
  }
  return ap
}

export interface ConfusionCounts {
  readonly tp: number
  readonly fp: number
  readonly tn: number
  readonly fn: number
}

/** Confusion counts of binary predictions against labels. */
export function confusion(predicted: ArrayLike<number>, labels: ArrayLike<number>): ConfusionCounts {
  let tp = 0
  let fp = 0
  let tn = 0
  let fn = 0
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i] === 1
    const y = labels[i] === 1
    if (p && y) tp++
    else if (p) fp++
    else if (y) fn++
    else tn++
  }
  return { tp, fp, tn, fn }
}

function sortedOrder(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  return order.sort((a, b) => (scores[a] as number) - (scores[b] as number))
}
