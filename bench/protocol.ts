/** The protocol shared by both sides of every comparison, and the targets Vigil is judged against. */

/** Each dataset is fitted and scored once per seed. */
export const SEEDS: readonly number[] = [0, 1, 2, 3, 4]

/** One untimed fit + score per dataset and side before the timed seeds (JIT, lazy imports, caches). */
export const WARMUP_SEED = 1000

export const TARGETS = {
  /** |AUROC vigil - AUROC sklearn| must not exceed this. */
  aurocTolerance: 0.02,
  /** Vigil time ÷ sklearn time must not exceed this, for training and for scoring. */
  maxTimeRatio: 1.0,
} as const
