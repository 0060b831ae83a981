/**
 * Flow control for a task that streams chunks to the main thread: the worker
 * may have `window` chunks in flight; each `take` uses one (waiting while
 * none is left) and the main thread gives one back (`give`) when the reader
 * took a chunk. A worker that explains faster than the client reads therefore
 * waits instead of piling answers up in memory.
 */
export interface ChunkCredits {
  take(): Promise<void>
  give(): void
}

export function createChunkCredits(window: number): ChunkCredits {
  let credits = window
  let waiting: (() => void) | undefined
  return {
    take() {
      if (credits > 0) {
        credits--
        return Promise.resolve()
      }
      return new Promise((resolve) => {
        waiting = resolve
      })
    },
    give() {
      if (waiting) {
        const w = waiting
        waiting = undefined
        w()
      } else credits++
    },
  }
}
