/**
 * Did a fit train on fewer rows than it was given? Plugins say so in
 * `notes.max_samples_applied`: either the row count itself, or `true` with the
 * count in `notes.rows_used`.
 */
import type { Notes } from './worker-protocol.js'

export interface Subsample {
  /** Rows actually fitted on, when the plugin reported the count. */
  readonly rows?: number
}

/** The subsample a fit applied, or undefined when it used every row it was given. */
export function appliedSubsample(notes: Notes, rowsGiven: number): Subsample | undefined {
  const applied = notes['max_samples_applied']
  const used = notes['rows_used']
  if (typeof applied === 'number') return applied < rowsGiven ? { rows: applied } : undefined
  if (applied !== true) return undefined
  return typeof used === 'number' ? { rows: used } : {}
}
