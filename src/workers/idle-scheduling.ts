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

/** libuv's pool size as libuv reads UV_THREADPOOL_SIZE (atoi; 0 means 1; negative or above 1024 means 1024); 4 when unset. */
export function libuvPoolSize(value: string | undefined): number {
  if (value === undefined) return 4
  const n = Number.parseInt(value, 10) || 0
  if (n === 0) return 1
  return n < 0 || n > 1024 ? 1024 : n
}

/**
 * Move V8's platform threads (and Node's other startup helpers: the delayed
 * task scheduler, the inspector's signal thread) to SCHED_IDLE, leaving the
 * event loop and libuv's thread pool alone.
 *
 * Why: with `--single-threaded-gc` each isolate collects on its own thread,
 * but V8 still compiles optimised code on the process-wide platform threads
 * at normal priority. A training worker keeps compiling (on-stack
 * replacement of its long loops, about a hundred functions per training, up
 * to 15 ms each), so those threads compete with the event loop however low
 * the worker itself runs. Idle, they run when a core is free, at the worker's
 * priority. The event loop's own optimising compilations become idle-class
 * too: its code runs unoptimised until a core is free for them. Without
 * `--single-threaded-gc` the same threads also run the event loop's parallel
 * garbage collection, which must not wait for a free core: then nothing
 * changes.
 *
 * Which threads: all share the name "node", so they are told apart by age.
 * Node starts its platform threads before any JavaScript runs and libuv's
 * pool only at the first asynchronous file operation, and Linux hands out
 * thread ids in increasing order, so the platform threads are exactly the
 * threads (other than the main one) whose ids lie between the main thread's
 * and every pool thread's. The pool's ids are found by asking each pool
 * thread, through asynchronous `readlink('/proc/thread-self')`, which thread
 * it is. Anything unexpected (not all of the pool answers, ids out of that
 * order as after a wrap-around of thread ids, /proc from another PID
 * namespace) leaves every thread as it is: idling a pool thread would slow
 * file access during a training.
 */
export async function idleBackgroundThreads(execArgv: readonly string[] = process.execArgv): Promise<BackgroundThreads> {
  if (process.platform !== 'linux') return { skipped: `scheduling policies are Linux-only (platform ${process.platform})` }
  if (!execArgv.includes('--single-threaded-gc') && !execArgv.includes('--single-threaded')) {
    return { skipped: 'node runs without --single-threaded-gc: V8 platform threads also collect garbage for the event loop' }
  }
  let threads: number[]
  let main: number
  try {
    if (readlinkSync('/proc/self') !== String(process.pid)) return { skipped: '/proc belongs to another PID namespace' }
    threads = readdirSync('/proc/self/task').map(Number)
    main = Number(currentThreadId())
  } catch {
    return { skipped: 'no /proc/self/task' }
  }
  if (main !== process.pid) return { skipped: `the main thread's id ${main} is not the process id ${process.pid}` }
  if (threads.some((tid) => tid < main)) return { skipped: 'thread ids wrapped around since the process started' }
  const poolSize = libuvPoolSize(process.env.UV_THREADPOOL_SIZE)
  const pool = new Set<number>()
  for (let round = 0; round < 20 && pool.size < poolSize; round++) {
    const ids = await Promise.all(Array.from({ length: 4 * poolSize }, () => readlink('/proc/thread-self').catch(() => '')))
    for (const id of ids) {
      const tid = Number(id.split('/').pop())
      if (Number.isInteger(tid) && tid > 0 && tid !== main) pool.add(tid)
    }
  }
  if (pool.size !== poolSize) return { skipped: `found ${pool.size} libuv pool threads, expected ${poolSize}` }
  const firstPool = Math.min(...pool)
  const candidates = threads.filter((tid) => tid !== main && tid < firstPool)
  if (candidates.length === 0) return { skipped: 'no thread older than the libuv pool' }
  const idled: number[] = []
  for (const tid of candidates) {
    // the first failure (no chrt, not permitted) would repeat for every thread
    if (!setIdlePolicy(String(tid))) break
    idled.push(tid)
  }
  return idled.length > 0 ? { idled } : { skipped: 'chrt failed (util-linux missing or not permitted)' }
}
