/**
 * Seeded stratified splits, computed once in Node and handed to both sides as
 * row indices, so Vigil and scikit-learn train and score the very same rows.
 */
import { createRng } from '../src/math/random.js'

export interface Split {
  /** Ascending row indices. */
  readonly train: Int32Array
  readonly test: Int32Array
}

/** `trainFraction` of each class (rounded, leaving at least one row of a class with 2+ rows on each side) goes to train. */
export function stratifiedSplit(y: Uint8Array, trainFraction: number, seed: number): Split {
  const rng = createRng(seed)
  const train: number[] = []
  const test: number[] = []
  for (const members of byClass(Int32Array.from(y.keys()), y)) {
    shuffle(members, rng.int)
    const n = members.length
    const k = n < 2 ? n : Math.min(n - 1, Math.max(1, Math.round(trainFraction * n)))
    members.forEach((i, pos) => (pos < k ? train : test).push(i))
  }
  return { train: sorted(train), test: sorted(test) }
}

/** At most `size` of `indices`, drawn per class in proportion (each class present keeps at least one row). */
export function stratifiedSubset(indices: Int32Array, y: Uint8Array, size: number, seed: number): Int32Array {
  if (indices.length <= size) return indices
  const rng = createRng(seed)
  const out: number[] = []
  for (const members of byClass(indices, y)) {
    if (members.length === 0) continue
    shuffle(members, rng.int)
    const keep = Math.max(1, Math.round((size * members.length) / indices.length))
    for (let pos = 0; pos < keep; pos++) out.push(members[pos] as number)
  }
  return sorted(out)
}

function byClass(indices: Int32Array, y: Uint8Array): [number[], number[]] {
  const normal: number[] = []
  const anomalous: number[] = []
  for (const i of indices) (y[i] === 1 ? anomalous : normal).push(i)
  return [normal, anomalous]
}

function shuffle(values: number[], int: (n: number) => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = int(i + 1)
    const t = values[i] as number
    values[i] = values[j] as number
    values[j] = t
  }
}

const sorted = (values: readonly number[]): Int32Array => Int32Array.from(values).sort()
