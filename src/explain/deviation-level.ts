/** How far a value is from training, in four steps (000's vocabulary). Cut-offs documented in docs/scores-and-thresholds.md. */
export type DeviationLevel = 'normal' | 'moderate' | 'high' | 'rare'

/** |robust z| below 2 is normal, below 3 moderate, else high; beyond the training range and ≥ 3, rare. */
export function numericLevel(z: number, outsideTrainingRange: boolean): DeviationLevel {
  const a = Math.abs(z)
  if (a < 2) return 'normal'
  if (a < 3) return 'moderate'
  return outsideTrainingRange ? 'rare' : 'high'
}

/**
 * By the tail mass of a category: the share of training rows whose category is
 * at most as common as this one (so 24 equally common hours are all normal,
 * while one rare country among common ones is not). ≥ 5% normal, ≥ 1%
 * moderate, ≥ 0.1% high, rarer or never seen: rare.
 */
export function categoricalLevel(tailMass: number): DeviationLevel {
  if (tailMass >= 0.05) return 'normal'
  if (tailMass >= 0.01) return 'moderate'
  if (tailMass >= 0.001) return 'high'
  return 'rare'
}

export const LEVEL_ORDER: Readonly<Record<DeviationLevel, number>> = { normal: 0, moderate: 1, high: 2, rare: 3 }
