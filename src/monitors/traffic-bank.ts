import {
  type CountBaselineState,
  type CountCusumState,
  type SeasonalProfileState,
  createCountBaseline,
  createCountCusum,
  createSeasonalProfile,
  countCusumStep,
  expectedCount,
  poissonLowerTail,
  poissonUpperTail,
  seasonalFactor,
  updateCountBaseline,
  updateSeasonalProfile,
} from '../stats/index.js'
import type { Alarm } from './alarm.js'

/**
 * Traffic drops and spikes per combination, one step per minute of event time.
 *
 * The whole service's requests per minute are forecast from a recent level
 * times the daily and weekly rhythm (src/stats count baseline and seasonal
 * profile, negative binomial so ordinary burstiness does not alarm). Every
 * other combination is forecast from its usual share of the traffic applied to
 * the rest of this minute's traffic: the rhythm cancels out, and a combination
 * that loses its traffic stands out against the others. Three count CUSUMs per
 * combination: an outage (ratio 0: alarms once ln(1/α) expected requests are
 * missing), a drop (ratio 0.3) and a spike (ratio 3). Only combinations
 * expecting at least one request a minute are tested on their own; sparser
 * ones are pooled in their parents.
 */
const RATIOS = [0, 0.3, 3] as const
const MINUTE = 60_000
const HOUR = 3_600_000
/** Half-life of a combination's share, in hours. */
const SHARE_HALF_LIFE_HOURS = 3
/** Hours of share history before a combination is tested. */
const MIN_SHARE_HOURS = 2
/** Shares above this are left to the root's own test (the rest would be too small to forecast from). */
const MAX_SHARE = 0.9

interface ComboTraffic {
  cusums: CountCusumState[]
  snapshot: number
  alarmed: boolean
  inRangeSince: number
  /** Minutes since the change point and what they expected (for evidence). */
  minutes: number
}

export class TrafficBank {
  private readonly threshold: number
  private share = new Float64Array(0)
  private shareWeight = new Float64Array(0)
  private hourSnapshot = new Float64Array(0)
  private readonly combos = new Map<number, ComboTraffic>()
  private profile: SeasonalProfileState = createSeasonalProfile()
  private baseline: CountBaselineState = createCountBaseline()
  private rootCusums: CountCusumState[] = RATIOS.map(() => createCountCusum())
  private rootAlarmed = false
  private rootInRangeSince = Number.NaN
  private rootSnapshot = 0
  private lastHourTotal = 0
  pending: Alarm[] = []

  constructor(threshold: number, readonly detector: string) {
    this.threshold = threshold
  }

  /** Combinations tested each minute (besides the root). */
  get tested(): number {
    return this.combos.size
  }

  isAlarmed(combo: number): boolean {
    return combo === 0 ? this.rootAlarmed : this.combos.get(combo)?.alarmed === true
  }

  /**
   * Close the hour ending at `time`: learn each combination's share of the
   * hour's requests and choose the combinations to test next hour.
   *
   * A combination does not learn while it, or a combination inside or around
   * it, is alarmed or close to alarming (`related`): during a spike on
   * Canada × Mastercard, each instance serving it would otherwise learn the
   * spike as its usual share and look like a drop once the spike ends.
   */
  closeHour(size: number, trialsOf: (combo: number) => number, related: (combo: number, others: readonly number[]) => boolean): void {
    if (this.share.length < size) {
      this.share = grow(this.share, size)
      this.shareWeight = grow(this.shareWeight, size)
      this.hourSnapshot = grow(this.hourSnapshot, size)
    }
    const total = trialsOf(0) - this.hourSnapshot[0]!
    this.lastHourTotal = total
    const keep = Math.pow(2, -1 / SHARE_HALF_LIFE_HOURS)
    const disturbed = [...this.combos].filter(([, t]) => t.alarmed || t.cusums.some((x) => x.statistic > this.threshold / 2)).map(([c]) => c)
    const rootDisturbed = this.rootAlarmed || this.rootCusums.some((x) => x.statistic > this.threshold / 2)
    for (let c = 0; c < size; c++) {
      const now = trialsOf(c)
      const count = now - this.hourSnapshot[c]!
      this.hourSnapshot[c] = now
      if (c === 0 || total <= 0) continue
      const tracked = this.combos.get(c)
      if (tracked?.alarmed === true || rootDisturbed) continue
      if (disturbed.length > 0 && related(c, disturbed)) continue
      const w = this.shareWeight[c]!
      if (count === 0 && w === 0) continue
      this.share[c] = (this.share[c]! * w * keep + count / total) / (w * keep + 1)
      this.shareWeight[c] = w * keep + 1
      const expectedPerMinute = (this.share[c]! * total) / 60
      const eligible = this.shareWeight[c]! >= MIN_SHARE_HOURS && expectedPerMinute >= 1 && this.share[c]! <= MAX_SHARE
      if (eligible && tracked === undefined) this.combos.set(c, { cusums: RATIOS.map(() => createCountCusum()), snapshot: now, alarmed: false, inRangeSince: Number.NaN, minutes: 0 })
      else if (!eligible && tracked !== undefined && expectedPerMinute < 0.5) this.combos.delete(c)
    }
  }

  /**
   * Close one minute (`minute` since the epoch): test the root against its
   * seasonal forecast and each tested combination against its share.
   * Returns the combinations whose alarm was cleared (back in range long enough).
   */
  closeMinute(minute: number, trialsOf: (combo: number) => number, resolveAfterMs: number): { inRange: Map<number, boolean>; cleared: number[] } {
    const time = (minute + 1) * MINUTE
    const inRange = new Map<number, boolean>()
    const cleared: number[] = []
    const rootNow = trialsOf(0)
    const total = rootNow - this.rootSnapshot
    this.rootSnapshot = rootNow
    this.stepRoot(minute, total, time, resolveAfterMs, inRange, cleared)
    for (const [c, state] of this.combos) {
      const now = trialsOf(c)
      const count = now - state.snapshot
      state.snapshot = now
      const share = this.share[c]!
      const rest = total - count
      const expected = (share / (1 - share)) * Math.max(0, rest)
      if (expected <= 0 && count === 0) continue
      const mean = Math.max(expected, 1e-3)
      if (state.alarmed) {
        const ok = count >= poissonQuantileLow(mean) && count <= poissonQuantileHigh(mean)
        inRange.set(c, ok)
        if (!ok) state.inRangeSince = Number.NaN
        else if (Number.isNaN(state.inRangeSince)) state.inRangeSince = time
        if (ok && time - state.inRangeSince >= resolveAfterMs) {
          state.alarmed = false
          state.cusums = RATIOS.map(() => createCountCusum())
          cleared.push(c)
        }
        continue
      }
      // the forecast is itself a count (the rest of this minute's traffic): its Poisson noise, scaled by share / (1 − share),
      // makes count − expected vary by expected / (1 − share); a negative binomial of this size has that variance
      const size = share > 0 ? (mean * (1 - share)) / share : Infinity
      this.stepCusums(c, state.cusums, count, mean, minute, size, (alarm) => {
        state.alarmed = true
        state.inRangeSince = Number.NaN
        this.pending.push(alarm)
      })
    }
    if (this.lastHourTotal === 0 && total > 0) this.lastHourTotal = total * 60
    return { inRange, cleared }
  }

  private stepRoot(minute: number, total: number, time: number, resolveAfterMs: number, inRange: Map<number, boolean>, cleared: number[]): void {
    const factor = seasonalFactor(this.profile, minute).factor
    const forecast = expectedCount(this.baseline, factor, minute)
    if (this.rootAlarmed && forecast.ready) {
      const ok = total >= poissonQuantileLow(forecast.mean * 0.5) && total <= poissonQuantileHigh(forecast.mean * 2)
      inRange.set(0, ok)
      if (!ok) this.rootInRangeSince = Number.NaN
      else if (Number.isNaN(this.rootInRangeSince)) this.rootInRangeSince = time
      if (ok && time - this.rootInRangeSince >= resolveAfterMs) {
        this.rootAlarmed = false
        this.rootCusums = RATIOS.map(() => createCountCusum())
        cleared.push(0)
      }
      return
    }
    let suspicious = false
    if (forecast.ready && forecast.mean > 0) {
      this.stepCusums(0, this.rootCusums, total, forecast.mean, minute, forecast.size, (alarm) => {
        this.rootAlarmed = true
        this.rootInRangeSince = Number.NaN
        this.pending.push(alarm)
      })
      suspicious = this.rootCusums.some((s) => s.statistic > this.threshold / 2)
    }
    if (!suspicious && !this.rootAlarmed) {
      this.baseline = updateCountBaseline(this.baseline, { count: total, factor, at: minute })
      this.profile = updateSeasonalProfile(this.profile, total, minute)
    }
  }

  private stepCusums(combo: number, cusums: CountCusumState[], count: number, expected: number, minute: number, size: number, alarm: (a: Alarm) => void): void {
    let fired: { state: CountCusumState; ratio: number } | undefined
    for (let j = 0; j < RATIOS.length; j++) {
      const ratio = RATIOS[j]!
      const step = countCusumStep(cusums[j]!, { count, expected, at: minute }, { ratio, threshold: this.threshold, size })
      cusums[j] = step.state
      if (step.alarm && fired === undefined) fired = { state: step.state, ratio }
    }
    if (fired === undefined) return
    const { state, ratio } = fired
    const minutes = state.changeAt === null ? 1 : minute - state.changeAt + 1
    alarm({
      detector: this.detector,
      kind: 'count',
      combo,
      direction: ratio > 1 ? 'increase' : 'decrease',
      time: (minute + 1) * MINUTE,
      startedAt: (state.changeAt ?? minute) * MINUTE,
      statistic: state.statistic,
      threshold: this.threshold,
      requestsSince: state.count,
      eventsSince: state.count,
      expectedSince: state.expected,
      baseline: state.expected / minutes,
      observed: state.count / minutes,
    })
    for (let j = 0; j < cusums.length; j++) cusums[j] = createCountCusum()
  }
}

function poissonQuantileLow(mean: number): number {
  let k = 0
  while (k < mean && poissonLowerTail(k, mean) < 0.005) k++
  return k
}

function poissonQuantileHigh(mean: number): number {
  let k = Math.ceil(mean)
  while (poissonUpperTail(k + 1, mean) > 0.005) k++
  return k
}

function grow(a: Float64Array, size: number): Float64Array<ArrayBuffer> {
  let capacity = Math.max(1024, a.length)
  while (capacity < size) capacity *= 2
  const out = new Float64Array(capacity)
  out.set(a)
  return out
}

export { HOUR as TRAFFIC_HOUR_MS }
