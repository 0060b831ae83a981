import { PX_DIMENSIONS } from './dimensions.js'
import type { EncodeContext } from './encode-events.js'
import { IsoClock } from './iso-time.js'
import { STRIDE, type PxBatch } from './px-batch.js'

/**
 * Writes batches as NDJSON bytes without building event objects: every
 * `,"name":"value"` piece is made once and the lines are concatenation of
 * cached pieces. The bytes equal `JSON.stringify` of {@link toEvents}'s
 * objects, one per line.
 */
export class NdjsonEncoder {
  private readonly pieces: readonly (readonly string[])[]
  private readonly userPieces: readonly string[]
  private readonly labelPieces: readonly string[] | undefined
  private readonly clock = new IsoClock()

  constructor(ctx: EncodeContext) {
    this.pieces = PX_DIMENSIONS.map((name, d) => ctx.model.values[d]!.map((value) => `,${JSON.stringify(name)}:${JSON.stringify(value)}`))
    this.userPieces = ctx.users.ids.map((id, i) => `,"user_id":${JSON.stringify(id)},"ip":${JSON.stringify(ctx.users.ips[i])}`)
    this.labelPieces = ctx.labels?.map((id) => `,"regression":${JSON.stringify(id)}`)
  }

  /** One batch as NDJSON text (every line ends with a newline). */
  text(batch: PxBatch): string {
    const p = this.pieces
    const [partner, country, operation, piType, flight, region, instance] = p as [string[], string[], string[], string[], string[], string[], string[]]
    let s = ''
    for (let i = 0; i < batch.length; i++) {
      const o = i * STRIDE
      s += `{"timestamp":"${this.clock.format(batch.time[i]!)}"${partner[batch.dims[o]!]}${country[batch.dims[o + 1]!]}${operation[batch.dims[o + 2]!]}${piType[batch.dims[o + 3]!]}${flight[batch.dims[o + 4]!]}${region[batch.dims[o + 5]!]}${instance[batch.dims[o + 6]!]},"status":${batch.status[i]!},"latency_ms":${batch.latency[i]!}`
      const u = batch.user[i]!
      if (u >= 0) s += this.userPieces[u]!
      const g = batch.regression[i]!
      if (g >= 0 && this.labelPieces !== undefined) s += this.labelPieces[g]!
      s += '}\n'
    }
    return s
  }

  /** One batch as NDJSON bytes (ASCII, so Latin-1 encoding is exact and fastest). */
  encode(batch: PxBatch): Buffer {
    return Buffer.from(this.text(batch), 'latin1')
  }
}
