import { deriveSeed } from '../../math/random.js'
import { aliasDraw, aliasTable, type AliasTable } from './alias-table.js'
import type { CallerStream } from './caller-stream.js'
import { NAME_COUNT } from './card-holder-names.js'
import { CARD_OPERATIONS, USER_ERROR_LATENCY } from './catalogue.js'
import { DIM, PX_DIMENSIONS } from './dimensions.js'
import { combinationSampler, drawLeaf, type CombinationSampler } from './draw-leaf.js'
import { FastRng } from './fast-rng.js'
import { cardsOf, holderOf, type Population } from './population.js'
import { STRIDE, type PxBatch } from './px-batch.js'
import type { ActiveRegression } from './regression.js'
import type { ResolvedPxConfig } from './resolve-px-config.js'
import { MINUTE_MS } from './timeline.js'
import type { TrafficModel } from './traffic-model.js'

interface Spike {
  readonly rng: FastRng
  readonly sampler: CombinationSampler
}

interface Stream {
  readonly spec: CallerStream
  readonly rng: FastRng
  /** Its owner number in the minute's extra requests (−1 − its index). */
  readonly owner: number
}

/** Ordinary malformed requests (a buggy client, a truncated body): 2 in 4096, about 0.05%. */
const MALFORMED_PER_4096 = 2
/** Ordinary requests from the user's other (mobile) address: 26 in 256, about 10%. */
const ROAM_PER_256 = 26
/** A batch job's operation mix: mostly reads, some card updates. */
const BATCH_OPERATIONS: readonly (readonly [string, number])[] = [
  ['list_pi', 50],
  ['get_pidl', 20],
  ['add_pi', 20],
  ['edit_pi', 10],
]
/** Card keys of cards that exist only in an attack: above every user's (4 per user index). */
const ATTACK_CARD_BASE = 0x10000000

/** Status codes the attacks get, with weights. */
const CARD_DECLINED: readonly (readonly [number, number])[] = [
  [422, 75],
  [400, 25],
]
const FUZZ_CLIENT: readonly (readonly [number, number])[] = [
  [400, 60],
  [404, 15],
  [422, 15],
  [409, 10],
]
const FUZZ_SERVER: readonly (readonly [number, number])[] = [
  [500, 80],
  [502, 20],
]

interface Codes {
  readonly codes: Uint16Array
  readonly table: AliasTable
}
const codes = (list: readonly (readonly [number, number])[]): Codes => ({ codes: Uint16Array.from(list, ([c]) => c), table: aliasTable(list.map(([, w]) => w)) })
const draw = (c: Codes, u: number): number => c.codes[aliasDraw(c.table, u)]!

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
  private readonly streams: readonly Stream[]
  private activeStreams: Stream[] = []
  private nextStream = 0
  private readonly population: Population
  private readonly users: number
  /** Per operation: whether it carries a card. */
  private readonly cardOp: Uint8Array
  private readonly batchOps: Codes
  private readonly cardDeclined = codes(CARD_DECLINED)
  private readonly fuzzClient = codes(FUZZ_CLIENT)
  private readonly fuzzServer = codes(FUZZ_SERVER)
  private readonly opAddPi: number
  private readonly opPsd2Session: number
  /** Mean requests per minute over the run: a stream that follows the rhythm scales by minute / mean. */
  private readonly meanPerMinute: number
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
  /** This minute's requests beside the ordinary ones (spikes, attacks, heavy users), in time order. */
  private readonly spikeTimes: number[] = []
  /** Whose: a regression index (a spike) when >= 0, else stream −owner − 1. */
  private readonly spikeOwners: number[] = []
  private spikeAt = 0
  private readonly order: number[] = []

  constructor(
    private readonly model: TrafficModel,
    private readonly config: ResolvedPxConfig,
  ) {
    this.rng = new FastRng(deriveSeed(config.seed, 3))
    for (const r of config.regressions) {
      if (r.type === 'traffic' && r.multiplier > 1) this.spikes.set(r.index, { rng: new FastRng(deriveSeed(config.seed, 1000 + r.index)), sampler: combinationSampler(model, r.combo) })
    }
    this.streams = config.streams.map((spec, i) => ({ spec, rng: new FastRng(spec.seed), owner: -1 - i }))
    this.population = config.population
    this.users = config.users
    const ops = model.values[DIM.operation]!
    this.cardOp = Uint8Array.from(ops, (o) => (CARD_OPERATIONS.includes(o) ? 1 : 0))
    this.batchOps = { codes: Uint16Array.from(BATCH_OPERATIONS, ([o]) => ops.indexOf(o)), table: aliasTable(BATCH_OPERATIONS.map(([, w]) => w)) }
    this.opAddPi = ops.indexOf('add_pi')
    this.opPsd2Session = ops.indexOf('psd2_session')
    const tl = config.timeline
    this.meanPerMinute = tl.minutes > 0 ? tl.prefix[tl.minutes]! / tl.minutes : 1
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
        if (owner >= 0) {
          const s = this.spikes.get(owner)!
          s.sampler.draw(s.rng, this.leaf)
          if (this.emit(batch, n, at, s.rng, owner)) n++
        } else if (this.emitStream(batch, n, at, this.streams[-owner - 1]!)) n++
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
    const times = this.spikeTimes
    const owners = this.spikeOwners
    times.length = 0
    owners.length = 0
    this.spikeAt = 0
    let sources = 0
    for (const g of this.active) {
      const s = this.spikes.get(g.index)
      if (s === undefined) continue
      sources++
      poisson(s.rng, this.perMs * g.share * (g.multiplier - 1), Math.max(minuteStart, g.startMs), Math.min(this.minuteEnd, g.endMs), g.index, times, owners)
    }
    const streams = this.streams
    while (this.nextStream < streams.length && streams[this.nextStream]!.spec.startMs < this.minuteEnd) this.activeStreams.push(streams[this.nextStream++]!)
    if (this.activeStreams.length > 0) this.activeStreams = this.activeStreams.filter((s) => s.spec.endMs > minuteStart)
    for (const s of this.activeStreams) {
      const spec = s.spec
      const perMs = (spec.perMinute * (spec.rhythm ? (timeline.perMinute[m]! * timeline.noise[m]!) / this.meanPerMinute : 1)) / MINUTE_MS
      sources++
      poisson(s.rng, perMs, Math.max(minuteStart, spec.startMs), Math.min(this.minuteEnd, spec.endMs), s.owner, times, owners)
    }
    if (sources > 1) this.sortMinute()
  }

  /** Put this minute's extra requests (each source's already in order) in time order, ties by owner. */
  private sortMinute(): void {
    const times = this.spikeTimes
    const owners = this.spikeOwners
    const order = this.order
    order.length = times.length
    for (let i = 0; i < order.length; i++) order[i] = i
    order.sort((a, b) => times[a]! - times[b]! || owners[a]! - owners[b]! || a - b)
    const t = order.map((i) => times[i]!)
    const o = order.map((i) => owners[i]!)
    for (let i = 0; i < t.length; i++) {
      times[i] = t[i]!
      owners[i] = o[i]!
    }
  }

  /** One request of a caller stream: a benign heavy entity's (shaped by regressions like every other) or an attack's. */
  private emitStream(batch: PxBatch, n: number, t: number, s: Stream): boolean {
    const spec = s.spec
    const r = s.rng
    const model = this.model
    const leaf = this.leaf
    const pop = this.population
    if (spec.kind === 'corporate_ip') {
      drawLeaf(model, r, leaf)
      // the caller's draws come before the request's, so a traffic drop that removes it leaves the stream's later requests as they were
      const v = r.next()
      const pick = r.next()
      if (!this.emit(batch, n, t, r, -1)) return false
      const u = spec.userBase + Math.floor(spec.userCount * v * v)
      batch.user[n] = u
      batch.ip[n] = spec.ip
      batch.card[n] = pop.cardKey(u, Math.floor(pick * pop.cardCount(u)))
      batch.holder[n] = pop.holder(u)
      return true
    }
    const c = spec.country
    leaf[DIM.partner] = spec.partner
    leaf[DIM.country] = c
    leaf[DIM.flight] = aliasDraw(model.flight, r.next())
    leaf[DIM.pi_type] = aliasDraw(model.piType[c]!, r.next())
    const region = aliasDraw(model.region[c]!, r.next())
    leaf[DIM.region] = region
    leaf[DIM.instance] = model.instanceStart[region]! + ((r.next() * model.instanceCount[region]!) | 0)
    if (spec.kind === 'batch_job') {
      leaf[DIM.operation] = draw(this.batchOps, r.next())
      const card = pop.cardKey(spec.user, Math.floor(r.next() * 4))
      if (!this.emit(batch, n, t, r, -1)) return false
      batch.user[n] = spec.user
      batch.ip[n] = spec.ip
      batch.card[n] = card
      batch.holder[n] = pop.holderOfCard(card)
      return true
    }
    const op = spec.kind === 'card_testing' ? this.opAddPi : spec.kind === 'ddos' ? this.opPsd2Session : aliasDraw(model.operation[c]!, r.next())
    leaf[DIM.operation] = op
    const uStatus = r.next()
    const uCode = r.next()
    let status: number
    if (spec.kind === 'card_testing') status = uStatus < spec.failureRate ? draw(this.cardDeclined, uCode) : model.successCodes.codes[aliasDraw(model.successCodes.table, uCode)]!
    else if (spec.kind === 'ddos') status = uStatus < 0.03 ? 429 : uStatus < 0.04 ? 503 : 200
    else if (uStatus < spec.failureRate) status = draw(this.fuzzClient, uCode)
    else if (uStatus < spec.failureRate + spec.serverErrorRate) status = draw(this.fuzzServer, uCode)
    else status = 200
    const z = Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(6.283185307179586 * r.next())
    const ms = model.medianMs[op]! * model.regionLatency[region]! * model.piLatency[leaf[DIM.pi_type]!]! * Math.exp(model.latencySigma * z) * (status >= 400 && status < 500 ? USER_ERROR_LATENCY : 1)
    const o = n * STRIDE
    for (let d = 0; d < STRIDE; d++) batch.dims[o + d] = leaf[d]!
    batch.time[n] = t
    batch.status[n] = status
    batch.latency[n] = ms < 1 ? 1 : Math.round(ms)
    batch.user[n] = spec.user >= 0 ? spec.user : spec.userBase + Math.floor(r.next() * spec.userCount)
    batch.ip[n] = spec.ip >= 0 ? spec.ip : spec.ipBase + Math.floor(r.next() * spec.ipCount)
    // every card an attack tries is new: testers work through a list of stolen numbers
    batch.card[n] = ATTACK_CARD_BASE + Math.floor(r.next() * (0x100000000 - ATTACK_CARD_BASE))
    batch.holder[n] = spec.holder >= 0 ? spec.holder : Math.floor(r.next() * NAME_COUNT)
    batch.malformed[n] = spec.kind === 'fuzzing' ? 1 : 0
    batch.regression[n] = -1
    batch.attack[n] = spec.label
    return true
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
    // one more draw, cut into bits: malformed, which address, which card
    const aux = (r.next() * 4294967296) >>> 0
    const malformed = aux >>> 20 < MALFORMED_PER_4096
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
    if (malformed && uStatus >= p5) {
      // a malformed request is refused before anything else runs (unless the service is failing anyway)
      status = 400
      factor *= USER_ERROR_LATENCY
    } else if (uStatus < p5) {
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
    const users = this.users
    if (users > 0) {
      // a mild skew: some users come back far more often than others
      const u = Math.floor(users * uUser * uUser)
      const pop = this.population
      batch.user[n] = u
      batch.ip[n] = (aux & 255) < ROAM_PER_256 ? pop.roamIp(u) : pop.homeIp(u)
      if (this.cardOp[op] === 1) {
        const h = pop.cardHash(u)
        batch.card[n] = pop.cardKey(u, ((aux >>> 8) & 4095) % cardsOf(h))
        batch.holder[n] = holderOf(h)
      }
    } else {
      batch.user[n] = -1
      batch.ip[n] = -1
    }
    batch.malformed[n] = malformed ? 1 : 0
    batch.regression[n] = shapedBy
    batch.attack[n] = -1
    return true
  }
}

/** Append a Poisson process's arrivals on [from, to) at `perMs` to the minute's extra requests. */
function poisson(rng: FastRng, perMs: number, from: number, to: number, owner: number, times: number[], owners: number[]): void {
  if (!(perMs > 0)) return
  let t = from
  for (;;) {
    t += -Math.log(1 - rng.next()) / perMs
    if (t >= to) return
    times.push(t)
    owners.push(owner)
  }
}
