import { Readable } from 'node:stream'
import { isFinal } from './job-manager.js'
import type { Job } from './job.js'

/** A comment line every so often keeps proxies from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000

/**
 * A job's Server-Sent Events: its state at once, one `progress` event per
 * change, then a final `succeeded`, `failed` or `cancelled` event and the end
 * of the stream. Destroying the stream (the client went away) unsubscribes.
 * `watch` throws (an unknown job) before anything is started.
 */
export function jobEventStream(watch: (listener: (job: Job) => void) => () => void, heartbeatMs = HEARTBEAT_MS): Readable {
  let ended = false
  let heartbeat: NodeJS.Timeout | undefined
  const stream = new Readable({
    read() {},
    destroy(err, callback) {
      clearInterval(heartbeat)
      unsubscribe()
      callback(err)
    },
  })
  const send = (job: Job): void => {
    if (ended) return
    const final = isFinal(job.status)
    stream.push(`event: ${final ? job.status : 'progress'}\ndata: ${JSON.stringify(job)}\n\n`)
    if (final) {
      ended = true
      clearInterval(heartbeat)
      stream.push(null)
    }
  }
  // a finished job is sent whole at once, and `watch` keeps no listener for it
  const unsubscribe = watch(send)
  if (!ended) {
    heartbeat = setInterval(() => stream.push(': heartbeat\n\n'), heartbeatMs)
    heartbeat.unref()
  }
  return stream
}
