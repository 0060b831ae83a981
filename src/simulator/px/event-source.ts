import { deriveSeed } from '../../math/random.js'
import { aliasDraw } from './alias-table.js'
import { USER_ERROR_LATENCY } from './catalogue.js'
import { DIM, PX_DIMENSIONS } from './dimensions.js'
import { combinationSampler, drawLeaf, type CombinationSampler } from './draw-leaf.js'
import { FastRng } from './fast-rng.js'
import { STRIDE, type PxBatch } from './px-batch.js'
import type { ActiveRegression } from './regression.js'
import type { ResolvedPxConfig } from './resolve-px-config.js'
import { MINUTE_MS } from './timeline.js'
import type { TrafficModel } from './traffic-model.js'

interface Spike {
  readonly rng: FastRng
  readonly sampler: CombinationSampler
}

/**
 * The simulator's engine: fills batches with the next requests of the run.
 * A plain class with its state in fields (not a generator's locals), so the
 * hot loop is ordinary optimisable code and a double such as the clock is
 * not boxed on every request.
 *
 * Ordinary traffic is a Poisson process whose rate follows the timeline
 * minute by minute (piecewise constant: after a minute's end the next
 * arrival is drawn afresh from the next minute's rate, which is exact).
 * Every request draws the same count of random numbers whatever happens to
 * it, so a run with a regression is the run without it except inside the
 * regression's combination and window; spike requests come from a stream of
 * their own per spike. Where a batch is cut never changes the events.
 */
export class PxEventSource {
  private readonly rng: FastRng
  private readonly spikes = new Map<number, Spike>()
  private readonly leaf = new Int32Array(PX_DIMENSIONS.length)
  private active: ActiveRegression[] = []
  private nextRegression = 0
  private minute = 0
  private minuteOpen = false
  private minuteEnd = 0.5
  private perMs = 0.5
  /** Time of the next ordinary request, drawn but not yet written when `pending`. */
  private t = 0.5
  private pending = false
  private readonly spikeTimes: number[] = []
  private readonly spikeOwners: number[] = []
  private spikeAt = 0

  constructor(
    private readonly model: TrafficModel,
    private readonly config: ResolvedPxConfig,
  ) {
    this.rng = new FastRng(deriveSeed(config.seed, 3))
    for (const r of config.regressions) {
      if (r.type === 'traffic' && r.multiplier > 1) this.spikes.set(r.index, { rng: new FastRng(deriveSeed(config.seed, 1000 + r.index)), sampler: combinationSampler(model, r.combo) })
    }
  }

  /** Whether every request of the run has been written. */
  get done(): boolean {
    return !this.minuteOpen && this.minute >= this.config.timeline.minutes
  }

  /**
   * Write the next requests into `batch` from index 0, up to its capacity or
   * until a request would lie `maxSpanMs` or more after the batch's first;
   * returns how many were written (0 when the run is over).
   */
  fill(batch: PxBatch, maxSpanMs = Infinity): number {
    const capacity = batch.time.length
    let n = 0
    for (;;) {
      if (!this.minuteOpen) {
        if (this.minute >= this.config.timeline.minutes) return n
        this.openMinute()
      }
      if (!this.pending) {
        this.t += -Math.log(1 - this.rng.next()) / this.perMs
        this.pending = true
      }
      const baseDone = this.t >= this.minuteEnd
      const spike = this.spikeAt < this.spikeTimes.length && (baseDone || this.spikeTimes[this.spikeAt]! <= this.t)
      if (!spike && baseDone) {
        this.minuteOpen = false
        this.pending = false
        this.minute++
        continue
      }
      const at = spike ? this.spikeTimes[this.spikeAt]! : this.t
      if (n > 0 && (n === capacity || at - batch.time[0]! >= maxSpanMs)) return n
      if (spike) {
        const owner = this.spikeOwners[this.spikeAt++]!
        const s = this.spikes.get(owner)!
        s.sampler.draw(s.rng, this.leaf)
        if (this.emit(batch, n, at, s.rng, owner)) n++
      } else {
        this.pending = false
        drawLeaf(this.model, this.rng, this.leaf)
        if (this.emit(batch, n, at, this.rng, -1)) n++
      }
    }
  }

  private openMinute(): void {
    const { timeline, regressions } = this.config
    const m = this.minute
    const minuteStart = timeline.startMs + m * MINUTE_MS
    this.minuteEnd = Math.min(minuteStart + MINUTE_MS, timeline.endMs)
    while (this.nextRegression < regressions.length && regressions[this.nextRegression]!.startMs < this.minuteEnd) this.active.push(regressions[this.nextRegression++]!)
    if (this.active.length > 0) this.active = this.active.filter((g) => g.endMs > minuteStart)
    this.perMs = (timeline.perMinute[m]! * timeline.noise[m]!) / MINUTE_MS
    this.t = minuteStart
    this.pending = false
    this.minuteOpen = true
    this.spikeTimes.length = 0
    this.spikeOwners.length = 0
    this.spikeAt = 0
    for (const g of this.active) {
      const s = this.spikes.get(g.index)
      if (s === undefined) continue
      const rate = this.perMs * g.share * (g.multiplier - 1)
      const to = Math.min(this.minuteEnd, g.endMs)
      let t = Math.max(minuteStart, g.startMs)
      for (;;) {
        t += -Math.log(1 - s.rng.next()) / rate
        if (t >= to) break
        insertSorted(this.spikeTimes, this.spikeOwners, t, g.index)
      }
    }
  }

  /** Write one request at `t` with the leaf drawn; false when a traffic drop removed it. */
  private emit(batch: PxBatch, n: number, t: number, r: FastRng, spike: number): boolean {
    const model = this.model
    const leaf = this.leaf
    const uStatus = r.next()
    const uCode = r.next()
    const u1 = r.next()
    const u2 = r.next()
    const uDrop = r.next()
    const uUser = r.next()
    const op = leaf[DIM.operation]!
    let p5 = model.systemErrorRate[op]!
    let p4 = model.userErrorRate[op]!
    let code5 = 0
    let code4 = 0
    let factor = 1
    let shapedBy = spike
    const active = this.active
    for (let k = 0; k < active.length; k++) {
      const g = active[k]!
      if (t < g.startMs || t >= g.endMs) continue
      let match = true
      for (let j = 0; j < g.fixedDims.length; j++) {
        if (leaf[g.fixedDims[j]!] !== g.fixedValues[j]) {
          match = false
          break
        }
      }
      if (!match) continue
      switch (g.type) {
        case 'system_errors':
          p5 = g.rate
          code5 = g.status
          break
        case 'user_errors':
          p4 = g.rate
          code4 = g.status
          break
        case 'latency':
          factor *= g.multiplier
          break
        case 'traffic':
          if (g.multiplier < 1 && uDrop >= g.multiplier) return false
          break
      }
      if (shapedBy < 0 || g.type !== 'traffic') shapedBy = g.index
    }
    if (p5 + p4 > 1) p4 = 1 - p5
    let status: number
    if (uStatus < p5) {
      status = code5 !== 0 ? code5 : model.systemErrorCodes.codes[aliasDraw(model.systemErrorCodes.table, uCode)]!
    } else if (uStatus < p5 + p4) {
      status = code4 !== 0 ? code4 : model.userErrorCodes.codes[aliasDraw(model.userErrorCodes.table, uCode)]!
      factor *= USER_ERROR_LATENCY
    } else {
      status = model.successCodes.codes[aliasDraw(model.successCodes.table, uCode)]!
    }
    const z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(6.283185307179586 * u2)
    const ms = model.medianMs[op]! * model.regionLatency[leaf[DIM.region]!]! * model.piLatency[leaf[DIM.pi_type]!]! * Math.exp(model.latencySigma * z) * factor
    const o = n * STRIDE
    const dims = batch.dims
    for (let d = 0; d < STRIDE; d++) dims[o + d] = leaf[d]!
    batch.time[n] = t
    batch.status[n] = status
    batch.latency[n] = ms < 1 ? 1 : Math.round(ms)
    const users = this.config.users
    // a mild skew: some users come back far more often than others
    batch.user[n] = users > 0 ? Math.floor(users * uUser * uUser) : -1
    batch.regression[n] = shapedBy
    return true
  }
}

/** Keep the minute's spike requests in time order (there are few; several spikes at once are rare). */
function insertSorted(times: number[], owners: number[], t: number, owner: number): void {
  let i = times.length
  times.push(t)
  owners.push(owner)
  while (i > 0 && times[i - 1]! > t) {
    times[i] = times[i - 1]!
    owners[i] = owners[i - 1]!
    i--
  }
  times[i] = t
  owners[i] = owner
}
