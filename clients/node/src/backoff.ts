/**
 * Delay before the next attempt after `failures` consecutive failures:
 * exponential from `baseMs`, capped at `capMs`, with "equal jitter" (between
 * half and all of it) so many service instances that lost Vigil at the same
 * moment do not come back at the same moment.
 */
export function backoffDelay(failures: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, failures - 1), 30)
  const full = Math.min(capMs, baseMs * 2 ** exponent)
  return Math.round(full / 2 + (random() * full) / 2)
}
