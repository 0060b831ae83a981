import { createRng } from '../../math/random.js'

/** Row indices of the two parts, each ascending (sequential memory access when training). */
export interface RowSplit {
  readonly train: Int32Array
  readonly validation: Int32Array
}

/** Every row trains; nothing is held out. */
export function allRows(n: number): RowSplit {
  const train = new Int32Array(n)
  for (let i = 0; i < n; i++) train[i] = i
  return { train, validation: new Int32Array(0) }
}

/**
 * Hold out round(fraction * count) rows of each class, drawn with the seeded
 * generator, so both parts keep the anomaly rate (scikit-learn stratifies the
 * same way). Each class keeps at least one training row.
 */
export function stratifiedSplit(y: Uint8Array, fraction: number, seed: number): RowSplit {
  const n = y.length
  const rng = createRng(seed)
  const held = new Uint8Array(n)
  let heldCount = 0
  for (const label of [0, 1]) {
    let size = 0
    for (let i = 0; i < n; i++) if (y[i] === label) size++
    const members = new Int32Array(size)
    let m = 0
    for (let i = 0; i < n; i++) if (y[i] === label) members[m++] = i
    const take = Math.min(Math.round(fraction * size), Math.max(0, size - 1))
    // partial Fisher-Yates: the first `take` slots become a uniform draw
    for (let i = 0; i < take; i++) {
      const j = i + rng.int(size - i)
      const t = members[j] as number
      members[j] = members[i] as number
      members[i] = t
      held[t] = 1
    }
    heldCount += take
  }
  const train = new Int32Array(n - heldCount)
  const validation = new Int32Array(heldCount)
  let a = 0
  let b = 0
  for (let i = 0; i < n; i++) {
    if (held[i] === 1) validation[b++] = i
    else train[a++] = i
  }
  return { train, validation }
}
