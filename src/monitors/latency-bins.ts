/**
 * Latencies counted in logarithmic bins: bin i holds latencies in
 * [L·γ^i, L·γ^(i+1)) milliseconds with γ = 1.15 and L = 0.1 ms, 128 bins
 * (up to about 80 minutes; longer latencies share the last bin). Any quantile
 * read from the bins is within 7.5% of the true value, the bin mapping of
 * DDSketch (Masson et al., VLDB 2019). Two shapes of the same bins:
 *
 * - per leaf and time bucket, a sparse `Map` (most cells hold a handful of
 *   requests, and thousands are merged each bucket);
 * - per tested combination, a dense `Float32Array` baseline (512 bytes, with
 *   exponential forgetting), which `@datadog/sketches-js` objects would make
 *   larger and slower to merge and age.
 */
export const BIN_COUNT = 128
const GAMMA = 1.15
const LOG_GAMMA = Math.log(GAMMA)
const LOWEST = 0.1

export type SparseBins = Map<number, number>

export function binOf(latency: number): number {
  if (!(latency > LOWEST)) return 0
  const b = Math.floor(Math.log(latency / LOWEST) / LOG_GAMMA)
  return b >= BIN_COUNT ? BIN_COUNT - 1 : b
}

/** Lower edge of bin `b`, in milliseconds. */
export function binLow(b: number): number {
  return LOWEST * GAMMA ** b
}

/** A value representative of bin `b` (its geometric middle), in milliseconds. */
export function binValue(b: number): number {
  return LOWEST * GAMMA ** (b + 0.5)
}

export function addToSparse(bins: SparseBins, bin: number, count = 1): void {
  bins.set(bin, (bins.get(bin) ?? 0) + count)
}

export function mergeSparse(into: SparseBins, from: ReadonlyMap<number, number>): void {
  for (const [b, c] of from) into.set(b, (into.get(b) ?? 0) + c)
}

/** Requests in bins at or above `bin`. */
export function sparseCountFrom(bins: ReadonlyMap<number, number>, bin: number): number {
  let n = 0
  for (const [b, c] of bins) if (b >= bin) n += c
  return n
}

/** The q-quantile (0..1) of sparse bins, in milliseconds; NaN when empty. */
export function sparseQuantile(bins: ReadonlyMap<number, number>, q: number): number {
  let total = 0
  for (const c of bins.values()) total += c
  if (total <= 0) return Number.NaN
  const order = [...bins.keys()].sort((a, b) => a - b)
  let seen = 0
  for (const b of order) {
    seen += bins.get(b) as number
    if (seen >= q * total) return binValue(b)
  }
  return binValue(order[order.length - 1] as number)
}

/** Fold sparse counts into a dense baseline. */
export function addSparseToDense(dense: Float32Array, bins: ReadonlyMap<number, number>): void {
  for (const [b, c] of bins) dense[b] = (dense[b] as number) + c
}

export function denseTotal(dense: Float32Array): number {
  let n = 0
  for (let b = 0; b < BIN_COUNT; b++) n += dense[b] as number
  return n
}

/**
 * The first bin holding the baseline's upper `share` (e.g. 0.05 for its p95),
 * and the share of the baseline actually in it and above (the bins are
 * coarse, so this is between about 2% and 10% rather than exactly 5%).
 */
export function denseUpperBin(dense: Float32Array, share: number): { bin: number; share: number } {
  const total = denseTotal(dense)
  if (total <= 0) return { bin: BIN_COUNT - 1, share: 0 }
  let above = 0
  for (let b = BIN_COUNT - 1; b >= 0; b--) {
    above += dense[b] as number
    if (above >= share * total) return { bin: b, share: above / total }
  }
  return { bin: 0, share: 1 }
}

/** Multiply every count by `factor` (exponential forgetting). */
export function decayDense(dense: Float32Array, factor: number): void {
  for (let b = 0; b < BIN_COUNT; b++) dense[b] = (dense[b] as number) * factor
}
