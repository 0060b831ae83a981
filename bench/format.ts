/** Number formatting for the report; every missing value prints as "n/a". */

const NA = 'n/a'

const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v)

export const formatMetric = (v: number | undefined): string => (finite(v) ? v.toFixed(3) : NA)

export const formatDiff = (v: number | undefined): string => {
  if (!finite(v)) return NA
  const text = v.toFixed(3)
  return Number(text) === 0 ? (0).toFixed(3) : `${v > 0 ? '+' : ''}${text}`
}

export const formatMs = (v: number | undefined): string => {
  if (!finite(v)) return NA
  return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US')
}

export const formatRatio = (v: number | undefined): string => {
  if (!finite(v)) return NA
  return v > 0 && v < 0.01 ? '<0.01' : v < 100 ? v.toFixed(2) : Math.round(v).toLocaleString('en-US')
}

/** Vigil ÷ sklearn; undefined when either is missing or the divisor is not positive. */
export const ratio = (vigil: number | undefined, sklearn: number | undefined): number | undefined =>
  vigil === undefined || sklearn === undefined || sklearn <= 0 ? undefined : vigil / sklearn

/** Microseconds: "12.3", "845", "12,345". */
export const formatUs = (v: number | undefined): string => {
  if (!finite(v)) return NA
  return v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US')
}

/** Megabytes: "0.4", "12.3", "1,234". */
export const formatMb = (v: number | undefined): string => {
  if (!finite(v)) return NA
  return Math.abs(v) < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US')
}

export const formatCount = (v: number): string => v.toLocaleString('en-US')

/** A message cut to `max` characters, for a table cell. */
export const shorten = (text: string, max = 48): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)
