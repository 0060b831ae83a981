/**
 * Stable partition of `sample[start..end)` into rows whose bin code in
 * column `col` is <= `lowBin` (first) and the others; returns the first
 * index of the second part. Stable keeps each node's rows ascending, so
 * histogram builds read the code columns front to back (cache friendly on a
 * million rows). The larger side is compacted in place and only the smaller
 * side goes through `tmp`: splits that peel a few rows off a large node cost
 * one pass instead of two.
 */
export function partition(
  sample: Int32Array,
  tmp: Int32Array,
  start: number,
  end: number,
  codes: Uint8Array,
  col: number,
  lowBin: number,
  leftRows: number,
): number {
  const mid = start + leftRows
  if (leftRows >= end - mid) {
    let l = start
    let r = 0
    for (let k = start; k < end; k++) {
      const row = sample[k] as number
      if ((codes[col + row] as number) <= lowBin) sample[l++] = row
      else tmp[r++] = row
    }
    sample.set(tmp.subarray(0, r), mid)
    return mid
  }
  // right side larger: compact it backwards in place, collect the left side in tmp back to front
  let r = end
  let l = leftRows
  for (let k = end - 1; k >= start; k--) {
    const row = sample[k] as number
    if ((codes[col + row] as number) <= lowBin) tmp[--l] = row
    else sample[--r] = row
  }
  sample.set(tmp.subarray(0, leftRows), start)
  return mid
}
