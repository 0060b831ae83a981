import type { KernelMatrix } from './kernel-matrix.js'
import { fillRow } from './kernel-rows.js'

/**
 * libsvm's starting gradient G = Qα and Gbar = Σ_{α_i = 1} Q_i for its
 * one-class start: α = 1 on the rows [0, u), 0 < α_u < 1 possibly on row u,
 * 0 after.
 *
 * libsvm computes each of those rows in full. The block of those rows is
 * symmetric, so here row i computes only columns j ≥ i, and its values
 * serve twice: as row i's terms of Gbar[j] (j ≥ i), and as the terms Q_ij of
 * Gbar[i] from the later rows j. Since α_i·Q_ij = Q_ij for the rows at 1, G
 * is Gbar plus the fractional row's terms, which libsvm adds last. Every sum
 * takes its terms in libsvm's order, so G and Gbar are bit-identical to
 * libsvm's.
 *
 * Only the last rows, as many as the cache holds, are computed in full and
 * left in the cache, as libsvm's loop leaves them (the solver's first
 * iterations ask for many of them again). When the cache holds a small part
 * of the rows (large training sets at ν = 0.5), this is close to a quarter
 * fewer kernel values than libsvm's start.
 */
export function initialGradient(Q: KernelMatrix, alpha: Float64Array, G: Float64Array, Gbar: Float64Array): void {
  const l = Q.l
  let u = 0
  while (u < l && (alpha[u] as number) >= 1) u++
  const af = u < l ? (alpha[u] as number) : 0
  const fractional = af > 0
  const firstCached = Math.max(0, u + (fractional ? 1 : 0) - Q.fullRows)
  const scratch = new Float32Array(l)
  const upperPart = (i: number): Float32Array => {
    if (i >= firstCached) return Q.row(i, l)
    fillRow(Q.data, i, i, l, scratch)
    return scratch
  }
  for (let i = 0; i < u; i++) {
    const row = upperPart(i)
    // Gbar[i] holds the terms of rows < i; add its own, then those of rows i < j < u
    let g = (Gbar[i] as number) + (row[i] as number)
    for (let j = i + 1; j < u; j++) {
      const q = row[j] as number
      g += q
      Gbar[j] = (Gbar[j] as number) + q
    }
    for (let j = u; j < l; j++) Gbar[j] = (Gbar[j] as number) + (row[j] as number)
    Gbar[i] = g
    G[i] = fractional ? g + af * (row[u] as number) : g
  }
  if (!fractional) {
    for (let j = u; j < l; j++) G[j] = Gbar[j] as number
    return
  }
  const row = upperPart(u)
  for (let j = u; j < l; j++) G[j] = (Gbar[j] as number) + af * (row[j] as number)
}
