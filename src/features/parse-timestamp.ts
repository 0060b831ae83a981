/** Epoch values above this are milliseconds, below it seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const EPOCH_MS_CUTOFF = 1e11

const NAIVE_ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/

/**
 * A timestamp value from a JSON event → epoch milliseconds (UTC), or NaN.
 * ISO 8601 with a zone is read as that instant; without a zone as UTC (as
 * DuckDB reads naive timestamps at training); numbers are epoch seconds or
 * milliseconds by magnitude.
 */
export function parseTimestamp(value: unknown): number {
  if (value === null || value === undefined || value === '') return NaN
  if (typeof value === 'number') return epochToMs(value)
  if (typeof value !== 'string') return NaN
  const text = value.trim()
  if (/^-?\d+(\.\d+)?$/.test(text)) return epochToMs(Number(text))
  const iso = NAIVE_ISO.test(text) ? `${text.replace(' ', 'T')}${text.length === 10 ? 'T00:00:00' : ''}Z` : text.replace(' ', 'T')
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? ms : NaN
}

/** Epoch seconds or milliseconds (by magnitude) → milliseconds. */
export function epochToMs(value: number): number {
  if (!Number.isFinite(value)) return NaN
  return Math.abs(value) >= EPOCH_MS_CUTOFF ? value : value * 1000
}
