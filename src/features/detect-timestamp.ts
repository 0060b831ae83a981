import type { DatasetManifest } from '../store/dataset-manifest.js'
import { parseTimestamp } from './parse-timestamp.js'

const TIME_NAME = /(^|[._\s-])(time|timestamp|datetime|date|ts|event_?time)$/i
const EPOCH_NAME = /^(timestamp|epoch|ts|time|unix_?time)$/i

/**
 * The column that gives rows their time, when none is named: the first
 * date/time column; else a text column with a time-like name whose values
 * parse as ISO 8601; else a numeric column named like an epoch.
 */
export function detectTimestamp(manifest: DatasetManifest, exclude: ReadonlySet<string>): string | null {
  const candidates = manifest.profile.filter((p) => !exclude.has(p.name))
  const temporal = candidates.find((p) => p.kind === 'temporal' && p.type !== 'TIME' && p.type !== 'INTERVAL')
  if (temporal) return temporal.name
  const text = candidates.find(
    (p) => p.kind === 'string' && TIME_NAME.test(p.name) && (p.top_values ?? []).length > 0 && (p.top_values ?? []).every((t) => Number.isFinite(parseTimestamp(t.value))),
  )
  if (text) return text.name
  const epoch = candidates.find((p) => p.kind === 'numeric' && EPOCH_NAME.test(p.name) && typeof p.min === 'number' && p.min > 1e8)
  return epoch?.name ?? null
}
