import { createRng, deriveSeed } from '../../math/random.js'

/**
 * The training rows, in solver order: the first `count` entries of a seeded
 * random permutation of 0..n-1 (a partial Fisher-Yates shuffle). Below the
 * cap this is every row, in a seed-dependent order: libsvm's solution
 * depends on the row order within the tolerance (its starting point puts
 * α = 1 on the first ν·l rows, and ties go to the later row), so the order
 * is part of what the seed fixes.
 */
export function drawRows(n: number, count: number, seed: number): Int32Array {
  const rng = createRng(deriveSeed(seed, 0))
  const perm = new Int32Array(n)
  for (let i = 0; i < n; i++) perm[i] = i
  const k = Math.min(count, n)
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i)
    const t = perm[i] as number
    perm[i] = perm[j] as number
    perm[j] = t
  }
  return perm.slice(0, k)
}
