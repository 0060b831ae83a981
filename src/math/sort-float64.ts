/** Typed arrays use the platform's byte order; the word split below assumes little-endian (x86, ARM). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1
const DIGIT_BITS = 11
const BUCKETS = 1 << DIGIT_BITS
/** Three digits per 32-bit word: bits 0-10, 11-21, 22-31. */
const SHIFTS = [0, 11, 22, 0, 11, 22] as const
const SIGN = 0x80000000
/** Below this many values the built-in sort is faster (fixed 12k-bucket overhead). */
const SMALL = 4096

/**
 * Sort finite float64 values ascending, in place: an LSD radix sort on the
 * IEEE-754 bits made order-preserving (negatives: every bit flipped;
 * positives: the sign bit flipped), 11 bits per pass, skipping passes in which
 * every value has the same digit (e.g. the low mantissa bits of whole
 * numbers). Linear time: 3-4x faster than `Float64Array#sort` on 50k-200k
 * values (measured), which made bin-edge fitting a large share of training.
 * `scratch` must be at least as long as `values`.
 */
export function sortFloat64(values: Float64Array, scratch: Float64Array): void {
  const n = values.length
  if (!LITTLE_ENDIAN || n < SMALL) {
    values.sort()
    return
  }
  let src = new Uint32Array(values.buffer, values.byteOffset, 2 * n)
  let dst = new Uint32Array(scratch.buffer, scratch.byteOffset, 2 * n)
  const counts = new Int32Array(6 * BUCKETS)
  for (let i = 0; i < 2 * n; i += 2) {
    let lo = src[i] as number
    let hi = src[i + 1] as number
    if (hi & SIGN) {
      lo = ~lo >>> 0
      hi = ~hi >>> 0
    } else hi = (hi ^ SIGN) >>> 0
    src[i] = lo
    src[i + 1] = hi
    counts[lo & 2047]++
    counts[BUCKETS + ((lo >>> 11) & 2047)]++
    counts[2 * BUCKETS + (lo >>> 22)]++
    counts[3 * BUCKETS + (hi & 2047)]++
    counts[4 * BUCKETS + ((hi >>> 11) & 2047)]++
    counts[5 * BUCKETS + (hi >>> 22)]++
  }
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * BUCKETS
    const word = pass < 3 ? 0 : 1
    const shift = SHIFTS[pass] as number
    let sum = 0
    let trivial = false
    for (let b = base; b < base + BUCKETS; b++) {
      const c = counts[b] as number
      if (c === n) trivial = true
      counts[b] = sum
      sum += c
    }
    if (trivial) continue
    for (let i = 0; i < 2 * n; i += 2) {
      const digit = ((src[i + word] as number) >>> shift) & 2047
      const to = 2 * (counts[base + digit] as number)
      counts[base + digit]++
      dst[to] = src[i] as number
      dst[to + 1] = src[i + 1] as number
    }
    const t = src
    src = dst
    dst = t
  }
  const out = new Uint32Array(values.buffer, values.byteOffset, 2 * n)
  for (let i = 0; i < 2 * n; i += 2) {
    const lo = src[i] as number
    const hi = src[i + 1] as number
    if (hi & SIGN) {
      out[i] = lo
      out[i + 1] = (hi ^ SIGN) >>> 0
    } else {
      out[i] = ~lo >>> 0
      out[i + 1] = ~hi >>> 0
    }
  }
}
