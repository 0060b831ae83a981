/**
 * Reorder `order[lo, hi)` so that position `nth` holds the row whose value in
 * column `col` would be there after sorting, with no greater value before it
 * and no smaller value after it (C++ nth_element, Hoare partition). Stopping
 * on equal keys keeps heavily duplicated columns at O(n) rather than O(n²).
 */
export function selectNth(order: Int32Array, data: Float64Array, d: number, col: number, lo: number, hi: number, nth: number): void {
  let left = lo
  let right = hi - 1
  while (right > left) {
    const mid = (left + right) >>> 1
    const pivot = median3(
      data[(order[left] as number) * d + col] as number,
      data[(order[mid] as number) * d + col] as number,
      data[(order[right] as number) * d + col] as number,
    )
    let i = left
    let j = right
    while (i <= j) {
      while ((data[(order[i] as number) * d + col] as number) < pivot) i++
      while ((data[(order[j] as number) * d + col] as number) > pivot) j--
      if (i <= j) {
        const t = order[i] as number
        order[i] = order[j] as number
        order[j] = t
        i++
        j--
      }
    }
    // now [left, j] <= pivot <= [i, right], and every slot between j and i equals the pivot
    if (nth <= j) right = j
    else if (nth >= i) left = i
    else return
  }
}

function median3(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b
}
