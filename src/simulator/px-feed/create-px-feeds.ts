import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { NotFoundError, VigilError } from '../../errors.js'
import { createPxTraffic } from '../px/create-px-traffic.js'
import { pacedBatches } from '../px/paced-batches.js'
import type { IngestTarget } from './ingest-target.js'
import type { PxFeedState, PxFeedView } from './px-feed.js'

export interface PxFeedRequest {
  readonly monitor: string
  /** The PX simulator's config (PxTrafficConfigInput); checked here, a bad field is a 400. */
  readonly config?: unknown
  /** Event-time seconds per wall-clock second; undefined = as fast as the monitor takes them. */
  readonly speed?: number | undefined
  /** Events per request to the monitor (default 5,000). */
  readonly batch_events?: number | undefined
}

export interface PxFeeds {
  start(request: PxFeedRequest): PxFeedView
  get(id: string): PxFeedView
  list(): PxFeedView[]
  stop(id: string): Promise<PxFeedView>
  /** Resolves when the feed is no longer running. */
  done(id: string): Promise<PxFeedView>
  close(): Promise<void>
}

export interface PxFeedsOptions {
  readonly target: IngestTarget
  /** Feeds running at once (default 4); more is a 429. */
  readonly maxRunning?: number
  /** Finished feeds kept for GET (default 50). */
  readonly keepFinished?: number
}

interface Feed {
  readonly view: Mutable<PxFeedView>
  readonly abort: AbortController
  /** Settles when the feed stops running; set once its run starts. */
  done: Promise<void>
}
type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** Longest wait on a full monitor queue before trying again. */
const MAX_WAIT_MS = 5_000

/**
 * Streams simulated PX traffic (003's request events, with labelled
 * regressions and attacks) into a monitor in the background, paced on event time or as
 * fast as the monitor's queue takes it (a full queue is waited on, never
 * dropped). Callable without HTTP.
 */
export function createPxFeeds(options: PxFeedsOptions): PxFeeds {
  const feeds = new Map<string, Feed>()
  const maxRunning = options.maxRunning ?? 4
  const keep = options.keepFinished ?? 50

  const find = (id: string): Feed => {
    const feed = feeds.get(id)
    if (feed === undefined) throw new NotFoundError(`simulator feed '${id}' does not exist`, { field: 'id', value: id })
    return feed
  }
  const prune = (): void => {
    const finished = [...feeds.values()].filter((f) => f.view.state !== 'running')
    for (const f of finished.slice(0, Math.max(0, finished.length - keep))) feeds.delete(f.view.id)
  }

  async function run(feed: Feed, traffic: ReturnType<typeof createPxTraffic>, request: PxFeedRequest): Promise<void> {
    const encoder = traffic.encoder()
    const view = feed.view
    let state: PxFeedState = 'finished'
    try {
      for await (const batch of pacedBatches(traffic, { speed: request.speed, signal: feed.abort.signal, maxEvents: request.batch_events ?? 5_000 })) {
        const events = encoder.events(batch)
        for (;;) {
          if (feed.abort.signal.aborted) break
          try {
            options.target.ingest(view.monitor, events)
            break
          } catch (error) {
            if (!(error instanceof VigilError) || error.statusCode !== 429) throw error
            view.waits++
            const seconds = Number(error.details?.retry_after ?? 1)
            await sleep(Math.min(MAX_WAIT_MS, Math.max(50, seconds * 1000)), undefined, { signal: feed.abort.signal }).catch(() => undefined)
          }
        }
        if (feed.abort.signal.aborted) break
        view.events_sent += batch.length
        view.event_time = new Date(batch.time[batch.length - 1]!).toISOString()
      }
      if (feed.abort.signal.aborted) state = 'stopped'
    } catch (error) {
      state = 'failed'
      view.error = error instanceof Error ? error.message : String(error)
    }
    view.state = state
    view.finished_at = new Date().toISOString()
    prune()
  }

  return {
    start(request) {
      options.target.assertExists(request.monitor)
      const running = [...feeds.values()].filter((f) => f.view.state === 'running').length
      if (running >= maxRunning) {
        throw new VigilError(429, `${running} simulator feeds are running, the limit is ${maxRunning}: stop one (DELETE /simulator/px/{id}) or wait`, {
          field: 'monitor',
          value: request.monitor,
          limit: maxRunning,
          retry_after: 10,
        })
      }
      const traffic = createPxTraffic(request.config ?? {})
      const timeline = traffic.config.timeline
      const id = randomUUID()
      const abort = new AbortController()
      const view: Mutable<PxFeedView> = {
        id,
        monitor: request.monitor,
        state: 'running',
        speed: request.speed ?? null,
        started_at: new Date().toISOString(),
        finished_at: null,
        event_start: new Date(timeline.startMs).toISOString(),
        event_end: new Date(timeline.endMs).toISOString(),
        event_time: null,
        events_sent: 0,
        waits: 0,
        error: null,
        regressions: [...traffic.labels],
        attacks: [...traffic.attacks],
        benign_heavy: [...traffic.benign],
      }
      const feed: Feed = { view, abort, done: Promise.resolve() }
      feed.done = run(feed, traffic, request)
      feeds.set(id, feed)
      return { ...view }
    },
    get: (id) => ({ ...find(id).view }),
    list: () => [...feeds.values()].map((f) => ({ ...f.view })),
    async stop(id) {
      const feed = find(id)
      feed.abort.abort()
      await feed.done
      return { ...feed.view }
    },
    async done(id) {
      const feed = find(id)
      await feed.done
      return { ...feed.view }
    },
    async close() {
      for (const feed of feeds.values()) feed.abort.abort()
      await Promise.all([...feeds.values()].map((f) => f.done))
    },
  }
}
