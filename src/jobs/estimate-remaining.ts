/** Below this share of the work done, an estimate would extrapolate from start-up costs alone. */
const MIN_PROGRESS = 0.05

/**
 * Seconds a running job still needs, extrapolated linearly from the time it
 * has run and the share of its work done; null until it has done enough to
 * judge (5%), or when it is not running.
 */
export function estimateRemaining(startedAt: string | undefined, progress: number, now = Date.now()): number | null {
  if (startedAt === undefined || !(progress >= MIN_PROGRESS) || progress >= 1) return null
  const elapsed = (now - Date.parse(startedAt)) / 1000
  if (!(elapsed >= 0)) return null
  return Math.round((elapsed * (1 - progress)) / progress)
}
