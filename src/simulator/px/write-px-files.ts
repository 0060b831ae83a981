import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { constants, createGzip } from 'node:zlib'
import { writeFileAtomic } from '../../store/atomic-write.js'
import type { PxTraffic } from './create-px-traffic.js'
import type { PxBatch } from './px-batch.js'
import type { AttackLabel, BenignHeavyLabel } from './attack.js'
import type { RegressionLabel } from './regression.js'

/** The labels file: the run's settings and the ground truth, with what each regression actually shaped and each attack sent. */
export interface PxLabelsFile {
  readonly kind: 'vigil.px-simulator.labels'
  readonly format_version: 1
  readonly seed: number
  readonly start: string
  readonly end: string
  readonly rate_per_second: number
  readonly events: number
  readonly events_file: string
  /** Random regressions asked for that found no room in time. */
  readonly skipped_random: number
  readonly labels: readonly (RegressionLabel & { readonly shaped_requests: number })[]
  /** The attacks, by start, with the requests each actually sent. */
  readonly attacks: readonly (AttackLabel & { readonly sent_requests: number })[]
  /** Busy entities that are not attacks, with the requests each sent (counted by their entity value). */
  readonly benign_heavy: readonly (BenignHeavyLabel & { readonly sent_requests: number })[]
}

/** What to write. */
export interface WritePxOptions {
  readonly gzip?: boolean | undefined
  readonly inlineLabels?: boolean | undefined
}

/**
 * Write a run to `dir`: `events.ndjson` (or `.ndjson.gz`) and `labels.json`.
 * Each file appears whole or not at all (written under a temporary name,
 * then renamed).
 */
export async function writePxFiles(traffic: PxTraffic, dir: string, options: WritePxOptions = {}): Promise<PxLabelsFile> {
  await mkdir(dir, { recursive: true })
  const name = options.gzip === true ? 'events.ndjson.gz' : 'events.ndjson'
  const file = path.join(dir, name)
  const partial = `${file}.partial`
  const shaped = new Array<number>(traffic.labels.length).fill(0)
  const sent = new Array<number>(traffic.attacks.length).fill(0)
  const benign = countBenign(traffic)
  let events = 0
  const encoder = traffic.encoder({ labels: options.inlineLabels })
  function* lines(): Generator<Buffer> {
    for (const batch of traffic.batches()) {
      events += batch.length
      for (let i = 0; i < batch.length; i++) {
        const g = batch.regression[i]!
        if (g >= 0) shaped[g]!++
        const a = batch.attack[i]!
        if (a >= 0) sent[a]!++
      }
      benign.count(batch)
      yield encoder.ndjson(batch)
    }
  }
  try {
    const source = Readable.from(lines(), { objectMode: false })
    if (options.gzip === true) await pipeline(source, createGzip({ level: constants.Z_BEST_SPEED }), createWriteStream(partial))
    else await pipeline(source, createWriteStream(partial))
    await rename(partial, file)
  } catch (err) {
    await rm(partial, { force: true })
    throw err
  }
  const { config } = traffic
  const labels: PxLabelsFile = {
    kind: 'vigil.px-simulator.labels',
    format_version: 1,
    seed: config.seed,
    start: config.start,
    end: new Date(config.timeline.endMs).toISOString(),
    rate_per_second: config.rate_per_second,
    events,
    events_file: name,
    skipped_random: config.skipped,
    labels: traffic.labels.map((l, i) => ({ ...l, shaped_requests: shaped[i]! })),
    attacks: traffic.attacks.map((a, i) => ({ ...a, sent_requests: sent[i]! })),
    benign_heavy: traffic.benign.map((b, i) => ({ ...b, sent_requests: benign.sent[i]! })),
  }
  await writeFileAtomic(path.join(dir, 'labels.json'), `${JSON.stringify(labels, null, 2)}\n`)
  return labels
}

/** Counts the requests of each benign heavy entity: a batch job by its user id, a corporate address by its address. */
function countBenign(traffic: PxTraffic): { readonly sent: number[]; count(batch: PxBatch): void } {
  const sent = new Array<number>(traffic.benign.length).fill(0)
  const byUser = new Map<number, number>()
  const byIp = new Map<number, number>()
  for (const s of traffic.config.streams) {
    if (s.kind === 'batch_job') byUser.set(s.user, s.label)
    else if (s.kind === 'corporate_ip') byIp.set(s.ip, s.label)
  }
  return {
    sent,
    count(batch) {
      if (byUser.size === 0 && byIp.size === 0) return
      for (let i = 0; i < batch.length; i++) {
        const u = byUser.get(batch.user[i]!)
        if (u !== undefined) sent[u]!++
        const p = byIp.get(batch.ip[i]!)
        if (p !== undefined) sent[p]!++
      }
    },
  }
}
