import { randomBytes } from 'node:crypto'

/**
 * A fresh incident id that sorts like its detection time:
 * `inc-20240312T101500123Z-3f9a2b1c` (event time to the millisecond, then
 * random hex so two incidents detected in the same millisecond differ).
 * One safe path segment (store/ids.ts ID_PATTERN), so it names the file.
 */
export function newIncidentId(detectedAtMs: number): string {
  const iso = new Date(detectedAtMs).toISOString() // 2024-03-12T10:15:00.123Z
  const compact = iso.replace(/[-:.]/g, '')
  return `inc-${compact}-${randomBytes(4).toString('hex')}`
}
