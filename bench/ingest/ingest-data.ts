/** PX traffic for the ingest benchmark: batches as JSON array text, with their latest event time. */
import { createPxTraffic } from '../../src/simulator/px/index.js'

export interface IngestBatch {
  /** A JSON array of events, as a client POSTs it. */
  readonly json: string
  /** The same events as NDJSON (one per line), for the reference probe. */
  readonly ndjson: string
  readonly events: number
  /** Latest event time in the batch, epoch ms. */
  readonly lastTime: number
}

export interface IngestData {
  readonly batches: readonly IngestBatch[]
  readonly events: number
  readonly bytes: number
  readonly eventMinutes: number
}

/**
 * `events` simulated PX requests at `rate` requests/s of event time, from a
 * busy hour (14:00 UTC on a Tuesday), cut into batches of `batchSize`.
 */
export function ingestData(events: number, rate: number, batchSize: number, seed = 1): IngestData {
  const minutes = Math.ceil(events / rate / 60 / 0.6) + 5
  const traffic = createPxTraffic({ seed, start: '2025-01-07T14:00:00.000Z', duration_minutes: minutes, rate_per_second: rate, random: { count: 4 } })
  const encoder = traffic.encoder()
  const batches: IngestBatch[] = []
  let total = 0
  let bytes = 0
  let first = Number.NaN
  let last = Number.NaN
  for (const batch of traffic.batches({ maxEvents: batchSize })) {
    const take = Math.min(batch.length, events - total)
    if (take <= 0) break
    let ndjson = encoder.ndjson(batch).toString('latin1')
    if (take < batch.length) ndjson = ndjson.split('\n').slice(0, take).join('\n') + '\n'
    const lastTime = Math.floor(batch.time[take - 1] as number)
    if (Number.isNaN(first)) first = batch.time[0] as number
    last = lastTime
    const json = `[${ndjson.slice(0, -1).replaceAll('\n', ',')}]`
    batches.push({ json, ndjson, events: take, lastTime })
    total += take
    bytes += json.length
  }
  if (total < events) throw new Error(`the simulator made ${total} events, fewer than the ${events} asked for`)
  return { batches, events: total, bytes, eventMinutes: (last - first) / 60_000 }
}
