/**
 * The daily and weekly shape of customer traffic (UTC): quiet at night, a
 * late-morning and an evening peak, lighter weekends. Scaled so that its
 * average over a week is 1, so `logs_per_second` stays the long-run rate.
 */
const HOURLY = [
  0.25, 0.18, 0.14, 0.12, 0.13, 0.2, 0.4, 0.75, 1.1, 1.35, 1.45, 1.5, 1.55, 1.45, 1.4, 1.35, 1.3, 1.3, 1.4, 1.5, 1.4, 1.1, 0.75, 0.45,
]
/** Sunday first (Date#getUTCDay). */
const WEEKDAY = [0.7, 1.1, 1.05, 1.05, 1.05, 1.1, 0.75]

const HOUR_MS = 3_600_000

function raw(time: number): number {
  const date = new Date(time)
  const hour = date.getUTCHours() + date.getUTCMinutes() / 60
  const h0 = Math.floor(hour)
  const frac = hour - h0
  // linear between hourly points, so the rate has no steps on the hour
  const daily = (HOURLY[h0] as number) * (1 - frac) + (HOURLY[(h0 + 1) % 24] as number) * frac
  return daily * (WEEKDAY[date.getUTCDay()] as number)
}

const WEEK_MEAN = (() => {
  let sum = 0
  for (let h = 0; h < 24 * 7; h++) sum += raw(Date.UTC(2024, 0, 7) + h * HOUR_MS) // 2024-01-07 is a Sunday
  return sum / (24 * 7)
})()

/** Traffic multiplier at `time` (epoch ms); averages 1 over a week. */
export function rhythm(time: number): number {
  return raw(time) / WEEK_MEAN
}
