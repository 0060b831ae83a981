import { PX_DIMENSIONS } from './dimensions.js'
import type { EncodeContext } from './encode-events.js'
import { STRIDE, type PxBatch } from './px-batch.js'

const bytes = (text: string): Uint8Array => Buffer.from(text, 'latin1')
const OPEN = bytes('{"timestamp":"')
const STATUS = bytes('","status":').subarray(1) // written after the last dimension piece: `,"status":`
const LATENCY = bytes(',"latency_ms":')
const CLOSE = bytes('}\n')
const ZERO = 48

/**
 * Writes batches as NDJSON bytes straight into one Buffer per batch: no
 * event objects and no strings per event. Every `,"name":"value"` piece is
 * encoded once; timestamps reuse the bytes of the current second and write
 * the milliseconds as digits. The bytes equal `JSON.stringify` of
 * `toEvents`'s objects, one per line. Everything is ASCII (the catalogue,
 * the user pool and label ids are), so Latin-1 is exact.
 */
export class NdjsonEncoder {
  private readonly pieces: readonly (readonly Uint8Array[])[]
  private readonly userPieces: readonly Uint8Array[]
  private readonly labelPieces: readonly Uint8Array[] | undefined
  private readonly maxLine: number
  private second = Number.NaN
  private secondBytes: Uint8Array = new Uint8Array(19)

  constructor(ctx: EncodeContext) {
    this.pieces = PX_DIMENSIONS.map((name, d) => ctx.model.values[d]!.map((value) => bytes(`,${JSON.stringify(name)}:${JSON.stringify(value)}`)))
    this.userPieces = ctx.users.ids.map((id, i) => bytes(`,"user_id":${JSON.stringify(id)},"ip":${JSON.stringify(ctx.users.ips[i])}`))
    this.labelPieces = ctx.labels?.map((id) => bytes(`,"regression":${JSON.stringify(id)}`))
    const longest = (list: readonly Uint8Array[] | undefined): number => (list ?? []).reduce((m, p) => Math.max(m, p.length), 0)
    // timestamp 24, status 3, latency up to 10 digits
    this.maxLine = OPEN.length + 24 + 1 + this.pieces.reduce((s, list) => s + longest(list), 0) + STATUS.length + 3 + LATENCY.length + 10 + longest(this.userPieces) + longest(this.labelPieces) + CLOSE.length
  }

  /** One batch as NDJSON bytes (every line ends with a newline). */
  encode(batch: PxBatch): Buffer {
    const buf = Buffer.allocUnsafe(batch.length * this.maxLine)
    const p = this.pieces
    let o = 0
    for (let i = 0; i < batch.length; i++) {
      o = put(buf, o, OPEN)
      o = this.timestamp(buf, o, batch.time[i]!)
      buf[o++] = 34 // "
      const row = i * STRIDE
      for (let d = 0; d < STRIDE; d++) o = put(buf, o, p[d]![batch.dims[row + d]!]!)
      o = put(buf, o, STATUS)
      o = digits(buf, o, batch.status[i]!)
      o = put(buf, o, LATENCY)
      o = digits(buf, o, batch.latency[i]!)
      const u = batch.user[i]!
      if (u >= 0) o = put(buf, o, this.userPieces[u]!)
      const g = batch.regression[i]!
      if (g >= 0 && this.labelPieces !== undefined) o = put(buf, o, this.labelPieces[g]!)
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
