import { checkFinite, checkNonNegative, checkPositive, checkProbability } from './check-args.js'

/**
 * The daily and weekly rhythm of a count, as multiplicative factors: how busy
 * this hour of the week (or of the day) is compared with the average hour.
 *
 * In plain words: traffic at 3 am on Sunday is not traffic at 11 am on
 * Monday. The profile keeps, for each of the 168 hours of the week and each of
 * the 24 hours of the day, a forgotten average count per minute. The expected
 * count of a minute is then factor × level (see `count-baseline.ts`), the
 * classic multiplicative seasonal decomposition (Holt 1957 / Winters 1960;
 * Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed.,
 * §3.4). It is robust to missing history: with under `minCoverage` of the
 * week's hours seen (a new service, a gap in ingest), or for an hour of the
 * week not yet seen, it falls back to the hour-of-day factor; without that,
 * to 1 (the level alone).
 *
 * A profile is meant to be shared: learn it on a parent with plenty of traffic
 * (the whole service, or one partner) and apply it to that parent's
 * combinations, whose own state then stays O(1). Each bucket forgets per
 * observation (with a memory of `memoryWeeks`), so an hour that is not
 * observed keeps what it knew rather than fading to nothing.
 */
export interface SeasonalProfileState {
  /** Offset of the rhythm's local time from UTC in minutes (e.g. 60 for CET), fixed at creation. */
  readonly utcOffsetMinutes: number
  /** Forgotten sum of counts per minute for each hour of the week (168; Monday 00:00 local = 0). */
  readonly weekSums: readonly number[]
  /** Forgotten number of minutes observed for each hour of the week. */
  readonly weekMinutes: readonly number[]
  /** The same for each hour of the day (24). */
  readonly daySums: readonly number[]
  /** Forgotten number of minutes observed for each hour of the day. */
  readonly dayMinutes: readonly number[]
}

/** Which profile a factor came from: the hour of the week, the hour of the day, or none (the level alone). */
export type SeasonalSource = 'hour_of_week' | 'hour_of_day' | 'level'

/** The seasonal multiplier of one minute and where it came from. */
export interface SeasonalFactor {
  /** Multiplier of the level for this minute (≥ minFactor). */
  readonly factor: number
  /** Which profile it came from. */
  readonly source: SeasonalSource
}

/** Memory, minimum history and floor of a seasonal profile. */
export interface SeasonalProfileOptions {
  /** How many weeks of history a bucket remembers (half-life, default 4). */
  readonly memoryWeeks?: number
  /** Minutes a bucket needs before its factor is used (default 30). */
  readonly minMinutes?: number
  /** Share of the buckets (of the week, or of the day) that must have minMinutes before that profile is used (default 0.75). */
  readonly minCoverage?: number
  /** Smallest factor returned (default 0.05): a quiet hour still expects some traffic, so one request is not infinitely surprising. */
  readonly minFactor?: number
}

/** Four weeks of memory; half an hour per bucket and 75 % of the buckets before a profile is used; factors of at least 0.05. */
export const DEFAULT_SEASONAL_OPTIONS: Required<SeasonalProfileOptions> = {
  memoryWeeks: 4,
  minMinutes: 30,
  minCoverage: 0.75,
  minFactor: 0.05,
}

const MINUTES_PER_HOUR = 60
const HOURS_PER_DAY = 24
const HOURS_PER_WEEK = 168
/** 1970-01-01 was a Thursday: day 0 is weekday 3 when Monday is 0. */
const EPOCH_WEEKDAY = 3

/** An empty profile for a rhythm in local time `utcOffsetMinutes` from UTC (factors are 1 until it learns). */
export function createSeasonalProfile(utcOffsetMinutes = 0): SeasonalProfileState {
  checkFinite('utcOffsetMinutes', utcOffsetMinutes)
  return {
    utcOffsetMinutes,
    weekSums: new Array<number>(HOURS_PER_WEEK).fill(0),
    weekMinutes: new Array<number>(HOURS_PER_WEEK).fill(0),
    daySums: new Array<number>(HOURS_PER_DAY).fill(0),
    dayMinutes: new Array<number>(HOURS_PER_DAY).fill(0),
  }
}

/** Hour of the week (0 = Monday 00:00–00:59 local) and hour of the day of a minute since the Unix epoch (UTC). */
export function calendarHours(minute: number, utcOffsetMinutes = 0): { readonly hourOfWeek: number; readonly hourOfDay: number } {
  checkFinite('minute', minute)
  const hour = Math.floor((minute + utcOffsetMinutes) / MINUTES_PER_HOUR)
  const hourOfDay = mod(hour, HOURS_PER_DAY)
  const weekday = mod(Math.floor(hour / HOURS_PER_DAY) + EPOCH_WEEKDAY, 7)
  return { hourOfWeek: weekday * HOURS_PER_DAY + hourOfDay, hourOfDay }
}

/**
 * Fold in the count of one minute (`minute` since the Unix epoch, UTC). Call it
 * for every minute observed, zeros included: a minute not reported is unknown,
 * not zero.
 */
export function updateSeasonalProfile(
  state: SeasonalProfileState,
  count: number,
  minute: number,
  options: SeasonalProfileOptions = {},
): SeasonalProfileState {
  checkNonNegative('count', count)
  const { memoryWeeks } = { ...DEFAULT_SEASONAL_OPTIONS, ...options }
  checkPositive('memoryWeeks', memoryWeeks)
  const { hourOfWeek, hourOfDay } = calendarHours(minute, state.utcOffsetMinutes)
  // A bucket of the week sees 60 minutes a week, one of the day 420: forgetting per
  // observation with these rates gives both the same half-life in calendar time.
  const keepWeek = Math.pow(2, -1 / (MINUTES_PER_HOUR * memoryWeeks))
  const keepDay = Math.pow(2, -1 / (MINUTES_PER_HOUR * 7 * memoryWeeks))
  return {
    utcOffsetMinutes: state.utcOffsetMinutes,
    weekSums: replaceAt(state.weekSums, hourOfWeek, state.weekSums[hourOfWeek] * keepWeek + count),
    weekMinutes: replaceAt(state.weekMinutes, hourOfWeek, state.weekMinutes[hourOfWeek] * keepWeek + 1),
    daySums: replaceAt(state.daySums, hourOfDay, state.daySums[hourOfDay] * keepDay + count),
    dayMinutes: replaceAt(state.dayMinutes, hourOfDay, state.dayMinutes[hourOfDay] * keepDay + 1),
  }
}

/** The seasonal factor for a minute: hour of week if known, else hour of day, else 1. */
export function seasonalFactor(state: SeasonalProfileState, minute: number, options: SeasonalProfileOptions = {}): SeasonalFactor {
  const { minMinutes, minCoverage, minFactor } = { ...DEFAULT_SEASONAL_OPTIONS, ...options }
  checkNonNegative('minMinutes', minMinutes)
  checkProbability('minCoverage', minCoverage)
  checkNonNegative('minFactor', minFactor)
  const { hourOfWeek, hourOfDay } = calendarHours(minute, state.utcOffsetMinutes)
  const week = relativeRate(state.weekSums, state.weekMinutes, hourOfWeek, minMinutes, minCoverage)
  if (week !== null) return { factor: Math.max(minFactor, week), source: 'hour_of_week' }
  const day = relativeRate(state.daySums, state.dayMinutes, hourOfDay, minMinutes, minCoverage)
  if (day !== null) return { factor: Math.max(minFactor, day), source: 'hour_of_day' }
  return { factor: 1, source: 'level' }
}

/**
 * Bucket `index`'s mean count per minute over the mean of the buckets with enough
 * minutes, or null when that bucket or the coverage falls short (or nothing was counted).
 */
function relativeRate(
  sums: readonly number[],
  minutes: readonly number[],
  index: number,
  minMinutes: number,
  minCoverage: number,
): number | null {
  if (minutes[index] < minMinutes || minutes[index] === 0) return null
  let covered = 0
  let meanSum = 0
  for (let i = 0; i < sums.length; i++) {
    if (minutes[i] >= minMinutes && minutes[i] > 0) {
      covered++
      meanSum += sums[i] / minutes[i]
    }
  }
  if (covered < minCoverage * sums.length || meanSum === 0) return null
  return sums[index] / minutes[index] / (meanSum / covered)
}

function replaceAt(values: readonly number[], index: number, value: number): number[] {
  const copy = values.slice()
  copy[index] = value
  return copy
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n
}
