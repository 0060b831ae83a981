/**
 * A Retry-After header in milliseconds from `now`: delta-seconds (what Vigil
 * sends) or an HTTP date (what a proxy in front of it may send). Undefined
 * when absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined
  const text = value.trim()
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000
  // an HTTP date starts with a day name; Date.parse alone would read "-3" as a year
  if (!/^[A-Za-z]{3}/.test(text)) return undefined
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now)
}
