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
  return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)
}

export const formatRatio = (v: number | undefined): string => (finite(v) ? v.toFixed(2) : NA)

/** Vigil ÷ sklearn; undefined when sklearn is missing. */
export const ratio = (vigil: number, sklearn: number | undefined): number | undefined =>
  sklearn === undefined || sklearn <= 0 ? undefined : vigil / sklearn
