import { FIRST_NAMES, LAST_NAMES } from './card-holder-names.js'
import { DIM, PX_DIMENSIONS } from './dimensions.js'
import { cardOperations, type EncodeContext } from './encode-events.js'
import type { Population } from './population.js'
import { STRIDE, type PxBatch } from './px-batch.js'

const bytes = (text: string): Uint8Array => Buffer.from(text, 'latin1')
const OPEN = bytes('{"timestamp":"')
const STATUS = bytes('","status":').subarray(1) // written after the last dimension piece: `,"status":`
const LATENCY = bytes(',"latency_ms":')
const CLOSE = bytes('}\n')
const USER = bytes(',"user_id":"u-')
const IP = bytes('","ip":"')
const FINGERPRINT = bytes(',"card_fingerprint":"fp-')
const HOLDER = bytes('","card_holder_name":"')
const PASSED = bytes(',"validation_result":"passed"')
const FAILED = bytes(',"validation_result":"failed"')
const MALFORMED = bytes(',"malformed":true')
const ZERO = 48
const HEX = bytes('0123456789abcdef')
/** Longest caller and card text: user id and a full IPv4, fingerprint, the longest name. */
const longestName = FIRST_NAMES.reduce((m, n) => Math.max(m, n.length), 0) + 1 + LAST_NAMES.reduce((m, n) => Math.max(m, n.length), 0)
const CALLER_MAX = USER.length + 8 + IP.length + 15 + 1 + FINGERPRINT.length + 16 + HOLDER.length + longestName + 1 + FAILED.length + MALFORMED.length

/**
 * Writes batches as NDJSON bytes straight into one Buffer per batch: no
 * event objects and no strings per event. Every `,"name":"value"` piece is
 * encoded once; timestamps reuse the bytes of the current second and write
 * the milliseconds as digits. The bytes equal `JSON.stringify` of
 * `toEvents`'s objects, one per line. Everything is ASCII (the catalogue,
 * the names and label ids are), so Latin-1 is exact. User ids, addresses and
 * fingerprints are written from their bits (see `Population`): nothing is
 * kept per user.
 */
export class NdjsonEncoder {
  private readonly pieces: readonly (readonly Uint8Array[])[]
  private readonly population: Population
  private readonly cardOp: Uint8Array
  private readonly firstNames: readonly Uint8Array[]
  private readonly lastNames: readonly Uint8Array[]
  private readonly labelPieces: readonly Uint8Array[] | undefined
  private readonly attackPieces: readonly Uint8Array[] | undefined
  private readonly maxLine: number
  private second = Number.NaN
  private secondBytes: Uint8Array = new Uint8Array(19)

  constructor(ctx: EncodeContext) {
    this.pieces = PX_DIMENSIONS.map((name, d) => ctx.model.values[d]!.map((value) => bytes(`,${JSON.stringify(name)}:${JSON.stringify(value)}`)))
    this.population = ctx.population
    this.cardOp = cardOperations(ctx.model)
    this.firstNames = FIRST_NAMES.map((n) => bytes(`${n} `))
    this.lastNames = LAST_NAMES.map(bytes)
    this.labelPieces = ctx.labels?.map((id) => bytes(`,"regression":${JSON.stringify(id)}`))
    this.attackPieces = ctx.attacks?.map((id) => bytes(`,"attack":${JSON.stringify(id)}`))
    const longest = (list: readonly Uint8Array[] | undefined): number => (list ?? []).reduce((m, p) => Math.max(m, p.length), 0)
    // timestamp 24, status 3, latency up to 10 digits
    this.maxLine =
      OPEN.length + 24 + 1 + this.pieces.reduce((s, list) => s + longest(list), 0) + STATUS.length + 3 + LATENCY.length + 10 + CALLER_MAX + longest(this.labelPieces) + longest(this.attackPieces) + CLOSE.length
  }

  /** One batch as NDJSON bytes (every line ends with a newline). */
  encode(batch: PxBatch): Buffer {
    const buf = Buffer.allocUnsafe(batch.length * this.maxLine)
    const p = this.pieces
    const pop = this.population
    const cardOp = this.cardOp
    let o = 0
    for (let i = 0; i < batch.length; i++) {
      o = put(buf, o, OPEN)
      o = this.timestamp(buf, o, batch.time[i]!)
      buf[o++] = 34 // "
      const row = i * STRIDE
      for (let d = 0; d < STRIDE; d++) o = put(buf, o, p[d]![batch.dims[row + d]!]!)
      o = put(buf, o, STATUS)
      const status = batch.status[i]!
      o = digits(buf, o, status)
      o = put(buf, o, LATENCY)
      o = digits(buf, o, batch.latency[i]!)
      const u = batch.user[i]!
      if (u >= 0) {
        o = put(buf, o, USER)
        o = hex8(buf, o, pop.idBits(u))
        o = put(buf, o, IP)
        o = ipv4(buf, o, pop.ipBits(batch.ip[i]!))
        buf[o++] = 34 // "
      }
      if (cardOp[batch.dims[row + DIM.operation]!] === 1) {
        if (u >= 0) {
          const card = batch.card[i]!
          o = put(buf, o, FINGERPRINT)
          o = hex8(buf, o, pop.fingerprintHigh(card))
          o = hex8(buf, o, pop.fingerprintLow(card))
          o = put(buf, o, HOLDER)
          const h = batch.holder[i]!
          const last = LAST_NAMES.length
          const first = Math.floor(h / last)
          o = put(buf, o, this.firstNames[first]!)
          o = put(buf, o, this.lastNames[h - first * last]!)
          buf[o++] = 34 // "
        }
        o = put(buf, o, status >= 400 && status < 500 ? FAILED : PASSED)
      }
      if (batch.malformed[i] === 1) o = put(buf, o, MALFORMED)
      const g = batch.regression[i]!
      if (g >= 0 && this.labelPieces !== undefined) o = put(buf, o, this.labelPieces[g]!)
      const a = batch.attack[i]!
      if (a >= 0 && this.attackPieces !== undefined) o = put(buf, o, this.attackPieces[a]!)
      o = put(buf, o, CLOSE)
    }
    return buf.subarray(0, o)
  }

  /** One batch as NDJSON text. */
  text(batch: PxBatch): string {
    return this.encode(batch).toString('latin1')
  }

  /** `2025-01-06T00:04:16.126Z` for epoch ms `time` (whole ms written). */
  private timestamp(buf: Buffer, o: number, time: number): number {
    const ms = Math.floor(time)
    const second = Math.floor(ms / 1000)
    if (second !== this.second) {
      this.second = second
      this.secondBytes = bytes(new Date(second * 1000).toISOString().slice(0, 19))
    }
    o = put(buf, o, this.secondBytes)
    const milli = ms - second * 1000
    buf[o++] = 46 // .
    buf[o++] = ZERO + Math.floor(milli / 100)
    buf[o++] = ZERO + (Math.floor(milli / 10) % 10)
    buf[o++] = ZERO + (milli % 10)
    buf[o++] = 90 // Z
    return o
  }
}

/** Copy short byte pieces by hand: for a dozen bytes a loop beats `set`'s call overhead. */
function put(buf: Buffer, o: number, piece: Uint8Array): number {
  const n = piece.length
  for (let k = 0; k < n; k++) buf[o + k] = piece[k]!
  return o + n
}

/** A 32-bit value as 8 lower-case hex digits. */
function hex8(buf: Buffer, o: number, x: number): number {
  for (let k = 7; k >= 0; k--) {
    buf[o + k] = HEX[x & 15]!
    x >>>= 4
  }
  return o + 8
}

/** `a.b.c.d` from the four octets packed in a 32-bit value. */
function ipv4(buf: Buffer, o: number, bits: number): number {
  o = digits(buf, o, bits >>> 24)
  buf[o++] = 46 // .
  o = digits(buf, o, (bits >>> 16) & 255)
  buf[o++] = 46
  o = digits(buf, o, (bits >>> 8) & 255)
  buf[o++] = 46
  return digits(buf, o, bits & 255)
}

/** A non-negative integer's decimal digits. */
function digits(buf: Buffer, o: number, value: number): number {
  if (value < 10) {
    buf[o] = ZERO + value
    return o + 1
  }
  let n = 0
  for (let v = value; v > 0; v = Math.floor(v / 10)) n++
  for (let k = n - 1, v = value; k >= 0; k--, v = Math.floor(v / 10)) buf[o + k] = ZERO + (v % 10)
  return o + n
}
