import { execFileSync } from 'node:child_process'
import { readdirSync, readlinkSync } from 'node:fs'
import { readlink } from 'node:fs/promises'

/**
 * Linux's SCHED_IDLE policy for threads that must never delay the event
 * loop: such a thread runs only on a core nothing else wants and is preempted
 * the moment a normal thread wakes. Node has no API for it, so this runs
 * `chrt --idle -p 0 <tid>` (util-linux, in Debian and its node images).
 * Returns false where that is not possible (no chrt, not Linux, not permitted).
 */
export function setIdlePolicy(tid: string): boolean {
  if (process.platform !== 'linux' || !/^\d+$/.test(tid)) return false
  try {
    execFileSync('chrt', ['--idle', '-p', '0', tid], { stdio: 'ignore', timeout: 2000 })
    return true
  } catch {
    return false
  }
}

/** The calling thread's kernel id (from /proc/thread-self), or undefined without /proc. */
export function currentThreadId(): string | undefined {
  try {
    return readlinkSync('/proc/thread-self').split('/').pop()
  } catch {
    return undefined
  }
}

export type BackgroundThreads = { readonly idled: readonly number[] } | { readonly skipped: string }

/**
 * Move V8's platform threads (and Node's other startup helpers) to SCHED_IDLE,
 * leaving the event loop and libuv's thread pool alone.
 *
 * Why: with `--single-threaded-gc` each isolate collects on its own thread,
 * but V8 still compiles optimised code on the process-wide platform threads
 * at normal priority. A training worker keeps compiling (on-stack
 * replacement of its long loops, about a hundred functions per training, up
 * to 15 ms each), so those threads compete with the event loop however low
 * the worker itself runs. Idle, they run when a core is free, at the worker's
 * priority; the event loop's own rare compilations wait for a free core too
 * (its code runs unoptimised meanwhile, it never blocks on them).
 *
 * Which threads: all share the name "node", so they are told apart by age.
 * Node starts its platform threads before any JavaScript runs and libuv's
 * pool only at the first asynchronous file operation, and Linux hands out
 * thread ids in increasing order, so the platform threads are exactly the
 * threads (other than the main one) whose ids are below every pool thread's.
 * The pool's ids are found by asking each pool thread, through asynchronous
 * `readlink('/proc/thread-self')`, which thread it is. If not all of the pool
 * answers (its size is UV_THREADPOOL_SIZE, 4 by default), nothing changes:
 * idling a pool thread would slow file access during a training.
 */
export async function idleBackgroundThreads(): Promise<BackgroundThreads> {
  if (process.platform !== 'linux') return { skipped: `scheduling policies are Linux-only (platform ${process.platform})` }
  const main = process.pid
  let threads: number[]
  try {
    threads = readdirSync('/proc/self/task').map(Number)
  } catch {
    return { skipped: 'no /proc/self/task' }
  }
  const poolSize = Math.min(1024, Math.max(1, Number(process.env.UV_THREADPOOL_SIZE) || 4))
  const pool = new Set<number>()
  for (let round = 0; round < 20 && pool.size < poolSize; round++) {
    const ids = await Promise.all(Array.from({ length: 4 * poolSize }, () => readlink('/proc/thread-self').catch(() => '')))
    for (const id of ids) {
      const tid = Number(id.split('/').pop())
      if (Number.isInteger(tid) && tid > 0 && tid !== main) pool.add(tid)
    }
  }
  if (pool.size < poolSize) return { skipped: `found ${pool.size} of the ${poolSize} libuv pool threads` }
  const firstPool = Math.min(...pool)
  const candidates = threads.filter((tid) => tid !== main && tid < firstPool)
  if (candidates.length === 0) return { skipped: 'no thread older than the libuv pool' }
  const idled = candidates.filter((tid) => setIdlePolicy(String(tid)))
  return idled.length > 0 ? { idled } : { skipped: 'chrt failed (util-linux missing or not permitted)' }
}
