import { createRng } from '../math/random.js'

export interface Split {
  readonly train: Int32Array
  readonly validation: Int32Array
  readonly method: 'time' | 'stratified'
}

/**
 * Hold out a share of the labelled rows to choose and judge the threshold:
 * the latest rows when there is a timestamp (a model is judged on the future,
 * as it will be used), otherwise a seeded split that keeps the anomaly share
 * equal on both sides.
 */
export function validationSplit(labels: Uint8Array, fraction: number, seed: number, time?: Float64Array): Split {
  const n = labels.length
  const holdout = Math.max(1, Math.min(n - 1, Math.round(n * fraction)))
  if (time) {
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => order_(time[a] as number, time[b] as number) || a - b)
    return { train: sorted(order.subarray(0, n - holdout)), validation: sorted(order.subarray(n - holdout)), method: 'time' }
  }
  const rng = createRng(seed)
  const byClass = [[], []] as [number[], number[]]
  for (let i = 0; i < n; i++) byClass[labels[i] === 1 ? 1 : 0].push(i)
  const validation: number[] = []
  const train: number[] = []
  for (const rows of byClass) {
    for (let i = rows.length - 1; i > 0; i--) {
      const j = rng.int(i + 1)
      const t = rows[i] as number
      rows[i] = rows[j] as number
      rows[j] = t
    }
    const take = Math.round(rows.length * (holdout / n))
    validation.push(...rows.slice(0, take))
    train.push(...rows.slice(take))
  }
  return { train: sorted(Int32Array.from(train)), validation: sorted(Int32Array.from(validation)), method: 'stratified' }
}

function order_(a: number, b: number): number {
  const x = Number.isNaN(a) ? Infinity : a
  const y = Number.isNaN(b) ? Infinity : b
  return x < y ? -1 : x > y ? 1 : 0
}

function sorted(rows: Int32Array): Int32Array {
  return Int32Array.from(rows).sort()
}
