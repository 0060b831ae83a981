/**
 * The daily and weekly shape of PX traffic (UTC). A global store's payment
 * calls: the Americas' afternoon and Europe's evening overlap to a peak near
 * 17:00 UTC, a trough near 08:00 UTC at about a third of the peak, and
 * lighter weekends. Scaled so that its average over a week is 1, so the
 * configured rate stays the long-run mean.
 */
const HOURLY = [
  0.95, 0.85, 0.72, 0.6, 0.5, 0.44, 0.42, 0.45, 0.5, 0.6, 0.75, 0.9, 1.05, 1.2, 1.32, 1.42, 1.5, 1.55, 1.52, 1.45, 1.35, 1.25, 1.15, 1.05,
]
/** Sunday first (Date#getUTCDay). */
const WEEKDAY = [0.82, 1.06, 1.05, 1.05, 1.04, 1.06, 0.86]

const MINUTE_MS = 60_000
const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

function raw(time: number): number {
  const hour = (((time % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS
  const h0 = Math.floor(hour)
  const frac = hour - h0
  // linear between hourly points, so the rate has no steps on the hour
  const daily = HOURLY[h0]! * (1 - frac) + HOURLY[(h0 + 1) % 24]! * frac
  // 1970-01-01 was a Thursday (weekday 4)
  const weekday = (Math.floor(time / DAY_MS) + 4) % 7
  return daily * WEEKDAY[(weekday + 7) % 7]!
}

const WEEK_MEAN = (() => {
  let sum = 0
  const minutes = 7 * 24 * 60
  for (let m = 0; m < minutes; m++) sum += raw(m * MINUTE_MS)
  return sum / minutes
})()

/** Traffic multiplier at `time` (epoch ms); averages 1 over a week. */
export function pxRhythm(time: number): number {
  return raw(time) / WEEK_MEAN
}
