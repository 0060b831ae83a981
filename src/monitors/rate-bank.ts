/**
 * Bernoulli CUSUMs for one rate detector over every combination, in typed
 * arrays indexed by combination id.
 *
 * In plain words: each combination has a baseline share of events (errors,
 * slow requests) learned from its own history and shrunk towards the whole
 * service's share while its history is short. Each new request adds its
 * log-likelihood ratio of "the share is now `odds` times higher" against "the
 * share is as usual"; the sum never drops below zero and alarms at h =
 * ln(1/α) + ln(number of alternatives) (Page 1954; Reynolds & Stoumbos 1999
 * for the Bernoulli form). A bank of three alternatives (odds ratios 3, 20
 * and 100) keeps both weak and strong regressions close to the
 * sequential-test bound. Requests that are not events only lower the sum, so
 * the sum is brought up to date lazily when an event arrives: the cost is per
 * event, not per request and combination. Requests are counted once per
 * combination by the engine (`RequestCounts`, shared by every bank); a bank
 * only counts the requests that are not trials for it (e.g. no latency), so
 * a request that is neither an event nor skipped costs a bank nothing.
 *
 * The baseline stops learning while a combination is suspicious (any sum above
 * h/2) or alarmed, so a regression never becomes the new normal.
 *
 * Sparse combinations borrow strength from their parent (the combination
 * without its last dimension): the baseline is shrunk towards the parent's
 * share rather than the whole service's, and while the parent's own baseline
 * is mature its pseudo-trials count towards the history a combination needs
 * before it may alarm. So "Edit PI × Mastercard × Canada × DIME", with a
 * few dozen requests a day, is judged against Edit PI × Mastercard × Canada's
 * error rate instead of waiting days to learn its own.
 */
export interface RateBankOptions {
  /** Odds ratios of the alternatives. */
  readonly odds: readonly number[]
  /** Alarm threshold h of every CUSUM. */
  readonly threshold: number
  /** Forgotten trials a combination's baseline needs before it may alarm. */
  readonly minTrials: number
  /** Pseudo-trials of the parent's share (the whole service's without parents) added to each combination's baseline. */
  readonly priorTrials: number
  /** Half-life of the baseline in event-time milliseconds. */
  readonly halfLifeMs: number
}

export const DEFAULT_RATE_BANK: RateBankOptions = {
  odds: [3, 20, 100],
  threshold: Math.log(1e5) + Math.log(3),
  minTrials: 100,
  priorTrials: 30,
  halfLifeMs: 3 * 24 * 3600_000,
}

/** A CUSUM crossed its threshold: the evidence since its estimated change point. */
export interface RateAlarm {
  readonly combo: number
  readonly time: number
  readonly statistic: number
  readonly threshold: number
  /** Event time when this CUSUM last left zero: the estimated change point. */
  readonly startedAt: number
  readonly trialsSince: number
  readonly eventsSince: number
  /** Cumulative trials and events of the combination at the change point, so the counts since can be brought up to date. */
  readonly trialsAtStart: number
  readonly eventsAtStart: number
  readonly baseline: number
  readonly alternative: number
}

/** Requests per combination, counted by the engine before any bank observes them (grown by the engine). */
export interface RequestCounts {
  values: Float64Array<ArrayBuffer>
}

const MIN_RATE = 1e-4
const MAX_RATE = 0.95
/**
 * Recovery evidence (log-likelihood ratio for "back to baseline" against "still at the regressed share") that counts as
 * back in range: 1000 to 1. Sparse combinations see long runs of good requests by chance during a regression (at 25%
 * errors, 11 in a row one time in 25); at 1000 to 1 that takes 17 against the observed share.
 */
export const RECOVERY_THRESHOLD = Math.log(1000)

/** Per-combination fields, at `(combo & PAGE_MASK) * stride + field` of the combination's page. */
const EVENTS = 0
const LAST_TRIALS = 1
const BASE_TRIALS = 2
const BASE_EVENTS = 3
const BASE_AT = 4
/** Requests of the combination that were not trials of this bank; trials = requests − skipped. */
const SKIPPED = 5
const ALARMED = 6
/** The share the baseline was last shrunk towards (the parent's), 0 before the first event. */
const PRIOR_RATE = 7
/** Then per alternative j, at HEAD + 4j: the CUSUM sum, and the trials, events and time where it last left zero. */
const HEAD = 8
const SUM = 0
const START_TRIALS = 1
const START_EVENTS = 2
const START_AT = 3
/** Combinations per page of state (2^14: 2.6 MB a page with three alternatives). */
const PAGE_BITS = 14
const PAGE_SIZE = 1 << PAGE_BITS
const PAGE_MASK = PAGE_SIZE - 1

export class RateBank {
  readonly options: RateBankOptions
  private capacity = 0
  /**
   * Every combination's state side by side (array of structs: `stride`
   * numbers each, combination c at `pages[c >> PAGE_BITS][(c & PAGE_MASK) *
   * stride]`), so evaluating one combination touches two or three cache lines
   * rather than one per field. New combinations add pages: nothing is copied
   * and no room is reserved beyond the last page.
   */
  private readonly pages: Float64Array<ArrayBuffer>[] = []
  private readonly stride: number
  /** Alarms raised since the engine last took them. */
  pending: RateAlarm[] = []
  /** Combinations currently alarmed, with their recovery state. */
  readonly recovery = new Map<number, { fromTrials: number; fromEvents: number; alternative: number; evidence: number; inRangeSince: number }>()

  constructor(
    private readonly requests: RequestCounts,
    options: Partial<RateBankOptions> = {},
  ) {
    this.options = { ...DEFAULT_RATE_BANK, ...options }
    this.stride = HEAD + 4 * this.options.odds.length
  }

  /** Make room for combination ids below `size`. */
  ensure(size: number): void {
    while (this.capacity < size) {
      this.pages.push(new Float64Array(PAGE_SIZE * this.stride))
      this.capacity += PAGE_SIZE
    }
  }

  /**
   * One request of every combination in `combos[from…to)`, already counted in
   * the shared request counts (`ensure` called for them): `outcome` 1 is an
   * event, 0 a trial that is not one (nothing to do: non-events only lower
   * the sums, lazily), -1 not a trial of this bank. `parents[m]`, when
   * given, is the position (relative to `from`) of the parent of the
   * combination at `from + m`, earlier in the list (the root has none).
   */
  observe(combos: Int32Array, from: number, to: number, outcome: 1 | 0 | -1, time: number, parents?: Int32Array): void {
    if (outcome === 0) return
    const pages = this.pages
    const stride = this.stride
    if (outcome < 0) {
      for (let i = from; i < to; i++) {
        const c = combos[i] as number
        ;(pages[c >>> PAGE_BITS] as Float64Array)[(c & PAGE_MASK) * stride + SKIPPED]++
      }
      return
    }
    const rootRate = this.rate(0, time, 0)
    if (this.scratchRate.length < to - from) {
      this.scratchRate = new Float64Array(to - from)
      this.scratchMature = new Uint8Array(to - from)
    }
    const rates = this.scratchRate
    const mature = this.scratchMature
    for (let i = from; i < to; i++) {
      const c = combos[i] as number
      const m = i - from
      ;(pages[c >>> PAGE_BITS] as Float64Array)[(c & PAGE_MASK) * stride + EVENTS]++
      const parent = parents === undefined || m === 0 ? -1 : (parents[m] as number)
      const prior = parent < 0 ? rootRate : (rates[parent] as number)
      const borrowed = parent < 0 || mature[parent] === 1
      rates[m] = this.evaluate(c, time, prior, borrowed)
      mature[m] = this.lastMature ? 1 : 0
    }
  }

  /** Per position of the current event's combinations: the baseline share and whether it is mature (parents come first). */
  private scratchRate = new Float64Array(0)
  private scratchMature = new Uint8Array(0)
  private lastMature = false

  /** Cumulative trials of a combination. */
  trialsOf(combo: number): number {
    return combo < this.capacity && combo < this.requests.values.length ? this.trialsAt(combo) : 0
  }

  /** One field of a combination's state. */
  private field(combo: number, field: number): number {
    return (this.pages[combo >>> PAGE_BITS] as Float64Array)[(combo & PAGE_MASK) * this.stride + field] as number
  }

  private trialsAt(combo: number): number {
    return (this.requests.values[combo] as number) - this.field(combo, SKIPPED)
  }

  /** Cumulative events of a combination. */
  eventsOf(combo: number): number {
    return combo < this.capacity ? this.field(combo, EVENTS) : 0
  }

  /** The baseline share of a combination at `time`, shrunk towards its parent's share as last seen (`rootRate` before its first event). */
  rate(combo: number, time: number, rootRate: number): number {
    const prior = this.field(combo, PRIOR_RATE)
    return this.rateKept(combo, this.decay(combo, time), prior > 0 ? prior : rootRate)
  }

  /** `rate` with the baseline's decay factor at that time already known, shrunk towards `priorRate`. */
  private rateKept(combo: number, keep: number, priorRate: number): number {
    const n = this.field(combo, BASE_TRIALS)
    const e = this.field(combo, BASE_EVENTS)
    const prior = combo === 0 ? 0 : this.options.priorTrials
    const p = n * keep + prior > 0 ? (e * keep + prior * priorRate) / (n * keep + prior) : priorRate
    return Math.min(MAX_RATE, Math.max(MIN_RATE, p))
  }

  /** Forgotten trials behind a combination's baseline at `time`. */
  history(combo: number, time: number): number {
    return this.field(combo, BASE_TRIALS) * this.decay(combo, time)
  }

  isAlarmed(combo: number): boolean {
    return combo < this.capacity && this.field(combo, ALARMED) === 1
  }

  /**
   * Once a minute for each alarmed combination: fold in its requests since the
   * last call as evidence for "back to baseline" against the regressed share;
   * true when that evidence holds (the metric is back in range).
   */
  recoveryStep(combo: number, time: number, resolveAfterMs: number): { inRange: boolean; cleared: boolean } {
    const state = this.recovery.get(combo)
    if (state === undefined) return { inRange: true, cleared: true }
    const n = this.trialsAt(combo) - state.fromTrials
    const e = this.field(combo, EVENTS) - state.fromEvents
    state.fromTrials += n
    state.fromEvents += e
    const p0 = this.rate(combo, time, this.rate(0, time, 0))
    const p1 = state.alternative
    state.evidence = Math.max(0, state.evidence + e * Math.log(p0 / p1) + (n - e) * Math.log((1 - p0) / (1 - p1)))
    const inRange = state.evidence >= RECOVERY_THRESHOLD
    if (!inRange) state.inRangeSince = Number.NaN
    else if (Number.isNaN(state.inRangeSince)) state.inRangeSince = time
    if (inRange && time - state.inRangeSince >= resolveAfterMs) {
      this.clear(combo, time)
      return { inRange, cleared: true }
    }
    return { inRange, cleared: false }
  }

  /** Forget an alarm: the combination learns and may alarm again. */
  clear(combo: number, time: number): void {
    const st = this.pages[combo >>> PAGE_BITS] as Float64Array
    const at = (combo & PAGE_MASK) * this.stride
    st[at + ALARMED] = 0
    this.recovery.delete(combo)
    const k = this.options.odds.length
    for (let j = 0; j < k; j++) st[at + HEAD + 4 * j + SUM] = 0
    st[at + LAST_TRIALS] = this.trialsAt(combo)
    st[at + BASE_AT] = time
  }

  private decay(combo: number, time: number): number {
    const at = this.field(combo, BASE_AT)
    return at > 0 && time > at ? Math.pow(2, -(time - at) / this.options.halfLifeMs) : 1
  }

  /**
   * One event of combination `c`: update its sums and baseline, maybe alarm.
   * `priorRate` is its parent's share; `borrowed` whether the parent's
   * baseline is mature (its pseudo-trials then count as history). Returns the
   * baseline share the event was judged against (sets `lastMature`).
   */
  private evaluate(c: number, time: number, priorRate: number, borrowed: boolean): number {
    const { odds, threshold, minTrials, priorTrials } = this.options
    const k = odds.length
    const st = this.pages[c >>> PAGE_BITS] as Float64Array
    const at = (c & PAGE_MASK) * this.stride
    const trials = this.trialsAt(c)
    const events = st[at + EVENTS] as number
    const successes = trials - (st[at + LAST_TRIALS] as number) - 1
    st[at + LAST_TRIALS] = trials
    const keep = this.decay(c, time)
    if (c !== 0) st[at + PRIOR_RATE] = priorRate
    const p0 = this.rateKept(c, keep, priorRate)
    const alarmed = st[at + ALARMED] === 1
    let highest = 0
    let best = -1
    for (let j = 0; j < k; j++) {
      const idx = at + HEAD + 4 * j
      const r = odds[j] as number
      const p1 = (r * p0) / (1 - p0 + r * p0)
      let s = st[idx + SUM] as number
      if (s > 0) {
        s += successes * Math.log((1 - p1) / (1 - p0))
        if (s < 0) s = 0
      }
      if (s === 0) {
        st[idx + START_TRIALS] = trials - 1
        st[idx + START_EVENTS] = events - 1
        st[idx + START_AT] = time
      }
      const before = s
      s += Math.log(p1 / p0)
      if (alarmed && s > threshold) s = threshold
      st[idx + SUM] = s
      if (before > highest) highest = before
      if (s >= threshold && (best < 0 || s - threshold > (st[at + HEAD + 4 * best + SUM] as number) - threshold)) best = j
    }
    // a young baseline keeps learning even when suspicious: freezing it would make its first guess permanent
    const history = (st[at + BASE_TRIALS] as number) * keep + (borrowed && c !== 0 ? priorTrials : 0)
    const mature = history >= minTrials
    this.lastMature = mature
    const quiet = !alarmed && (highest < threshold / 2 || !mature)
    if (quiet) {
      st[at + BASE_TRIALS] = (st[at + BASE_TRIALS] as number) * keep + successes + 1
      st[at + BASE_EVENTS] = (st[at + BASE_EVENTS] as number) * keep + 1
      st[at + BASE_AT] = time
    }
    if (best < 0 || alarmed) return p0
    if (!mature) {
      // not enough history to judge: start over rather than alarm on a cold baseline
      for (let j = 0; j < k; j++) st[at + HEAD + 4 * j + SUM] = 0
      return p0
    }
    const idx = at + HEAD + 4 * best
    const trialsSince = trials - (st[idx + START_TRIALS] as number)
    const eventsSince = events - (st[idx + START_EVENTS] as number)
    const r = odds[best] as number
    const alternative = (r * p0) / (1 - p0 + r * p0)
    st[at + ALARMED] = 1
    this.recovery.set(c, {
      fromTrials: trials,
      fromEvents: events,
      // recovery weighs "back to baseline" against the share actually seen since the change, not the bank's
      // alternative: against a far-off alternative (×100) a handful of good requests would look like recovery
      alternative: Math.min(MAX_RATE, Math.max(p0 * 1.5, eventsSince / Math.max(1, trialsSince))),
      evidence: 0,
      inRangeSince: Number.NaN,
    })
    this.pending.push({
      combo: c,
      time,
      statistic: st[idx + SUM] as number,
      threshold,
      startedAt: st[idx + START_AT] as number,
      trialsSince,
      eventsSince,
      trialsAtStart: st[idx + START_TRIALS] as number,
      eventsAtStart: st[idx + START_EVENTS] as number,
      baseline: p0,
      alternative,
    })
    return p0
  }
}
