/**
 * libsvm's kernel column cache: a least-recently-used list of float32
 * rows, each holding Q[i][0, len) for the longest `len` asked for, within a
 * budget of `bytes`. Rows are float32 as in libsvm (`Qfloat`), which halves
 * memory and gives the solver exactly libsvm's rounded kernel values.
 *
 * Two departures from libsvm, neither of which changes a kernel value the
 * solver sees: position swaps (shrinking) are queued and applied row by
 * row at the next request, which walks each row once instead of every row
 * once per swap; and an evicted row of exactly the requested length is
 * reused instead of freed and reallocated.
 */
export interface KernelCache {
  /** Cached prefix of row i (length ≥ the `len` last requested). */
  readonly rows: Float32Array[]
  /** Rows of full length l that fit in the budget. */
  readonly fullRows: number
  /**
   * Make row `index` hold at least `len` values and mark it most recently
   * used. Returns the position from which the caller must fill it
   * (≥ len when nothing is missing).
   */
  request(index: number, len: number): number
  /** Follow the solver swapping positions i and j. */
  swap(i: number, j: number): void
}

const EMPTY = new Float32Array(0)
/** libsvm charges each row header (two pointers, a data pointer, a length) against the budget. */
const HEADER_FLOATS = 8

export function createKernelCache(l: number, bytes: number): KernelCache {
  const rows: Float32Array[] = new Array<Float32Array>(l).fill(EMPTY)
  const len = new Int32Array(l)
  // circular doubly linked LRU list; node l is the sentinel, its `next` the least recently used
  const prev = new Int32Array(l + 1).fill(l)
  const next = new Int32Array(l + 1).fill(l)
  // budget in floats; at least two full rows so that Q_i and Q_j coexist
  let size = Math.max(Math.floor(bytes / 4) - l * HEADER_FLOATS, 2 * l)
  let pending = new Int32Array(64)
  let nPending = 0
  let spare: Float32Array = EMPTY

  const unlink = (h: number): void => {
    next[prev[h] as number] = next[h] as number
    prev[next[h] as number] = prev[h] as number
  }
  const append = (h: number): void => {
    next[h] = l
    prev[h] = prev[l] as number
    next[prev[h] as number] = h
    prev[l] = h
  }
  const drop = (h: number): void => {
    unlink(h)
    size += len[h] as number
    spare = rows[h] as Float32Array
    rows[h] = EMPTY
    len[h] = 0
  }
  /** Apply the queued swaps (lo, hi) to every cached row, dropping rows that end between lo and hi. */
  const flush = (): void => {
    for (let h = next[l] as number; h !== l; ) {
      const after = next[h] as number
      const n = len[h] as number
      const row = rows[h] as Float32Array
      for (let k = 0; k < nPending; k += 2) {
        const lo = pending[k] as number
        const hi = pending[k + 1] as number
        if (n <= lo) continue
        if (n <= hi) {
          drop(h)
          break
        }
        const t = row[lo] as number
        row[lo] = row[hi] as number
        row[hi] = t
      }
      h = after
    }
    nPending = 0
  }

  return {
    rows,
    fullRows: Math.floor(size / l),
    request(index, want) {
      if (nPending > 0) flush()
      const have = len[index] as number
      if (have > 0) unlink(index)
      const more = want - have
      let start = want
      if (more > 0) {
        spare = EMPTY
        while (size < more) drop(next[l] as number)
        const grown = spare.length === want ? spare : new Float32Array(want)
        if (have > 0) grown.set((rows[index] as Float32Array).subarray(0, have))
        spare = EMPTY
        rows[index] = grown
        size -= more
        len[index] = want
        start = have
      }
      append(index)
      return start
    },
    swap(i, j) {
      if (i === j) return
      if ((len[i] as number) > 0) unlink(i)
      if ((len[j] as number) > 0) unlink(j)
      const ri = rows[i] as Float32Array
      rows[i] = rows[j] as Float32Array
      rows[j] = ri
      const li = len[i] as number
      len[i] = len[j] as number
      len[j] = li
      if ((len[i] as number) > 0) append(i)
      if ((len[j] as number) > 0) append(j)
      if (nPending + 2 > pending.length) {
        const grown = new Int32Array(pending.length * 2)
        grown.set(pending)
        pending = grown
      }
      pending[nPending++] = Math.min(i, j)
      pending[nPending++] = Math.max(i, j)
    },
  }
}
