import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { libuvPoolSize } from '../../src/workers/idle-scheduling.js'
import { repoRoot, startServer } from '../crash/server-process.js'
import { policies, schedulingUnavailable } from './scheduling-policies.js'

const unavailable = schedulingUnavailable
if (unavailable) console.log(`skipping background thread scheduling tests: ${unavailable}`)

// a fresh Node process: idle its background threads, then report every thread's policy and the pool's ids
const PROBE = `
import { readlink } from 'node:fs/promises'
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { idleBackgroundThreads } from './src/workers/idle-scheduling.ts'
const result = await idleBackgroundThreads()
const pool = new Set()
for (let i = 0; i < 20; i++) for (const id of await Promise.all(Array.from({ length: 16 }, () => readlink('/proc/thread-self')))) pool.add(Number(id.split('/').pop()))
const policy = Object.fromEntries(readdirSync('/proc/self/task').map((t) => [t, /policy: (\\w+)/.exec(execFileSync('chrt', ['-p', t]).toString())[1]]))
console.log(JSON.stringify({ result, pool: [...pool], policy, main: process.pid }))
`

interface Probe {
  result: { idled?: number[]; skipped?: string }
  pool: number[]
  policy: Record<string, string>
  main: number
}

describe.skipIf(unavailable !== undefined)('background threads at SCHED_IDLE', () => {
  const probe = (env: Record<string, string>, flags: string[] = ['--single-threaded-gc']): Probe => {
    const out = execFileSync(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', PROBE], { cwd: repoRoot, env: { ...process.env, ...env } })
    return JSON.parse(out.toString().trim().split('\n').pop() ?? '{}') as Probe
  }
  /** Every thread the probe found in libuv's pool, and the main thread, keep SCHED_OTHER; whatever was idled is older than the pool. */
  const expectPoolAndMainNormal = ({ result, pool, policy, main }: Probe): void => {
    for (const tid of [main, ...pool]) expect([tid, policy[String(tid)]]).toEqual([tid, 'SCHED_OTHER'])
    for (const tid of result.idled ?? []) expect(tid).toBeLessThan(Math.min(...pool))
  }

  it('idles exactly the threads older than the libuv pool; the event loop and the pool stay normal', () => {
    const found = probe({ UV_THREADPOOL_SIZE: '3' })
    const { result, pool, policy, main } = found
    expect(result.skipped).toBeUndefined()
    expect(pool).toHaveLength(3)
    const firstPool = Math.min(...pool)
    // V8's platform threads (4 by default) and Node's other startup helpers
    expect(result.idled?.length).toBeGreaterThanOrEqual(4)
    for (const [tid, p] of Object.entries(policy)) {
      const id = Number(tid)
      expect([id, p]).toEqual([id, id !== main && id < firstPool ? 'SCHED_IDLE' : 'SCHED_OTHER'])
    }
    expectPoolAndMainNormal(found)
  })

  // (a negative size means 1,024 pool threads to libuv: covered by libuvPoolSize below, too slow to probe)
  it.each(['0', 'abc'])('UV_THREADPOOL_SIZE=%s (one pool thread to libuv): never a pool thread', (size) => {
    expectPoolAndMainNormal(probe({ UV_THREADPOOL_SIZE: size }))
  })

  it('changes nothing when node runs without --single-threaded-gc', () => {
    const found = probe({}, [])
    expect(found.result.skipped).toMatch(/single-threaded-gc/)
    expect(Object.values(found.policy).every((p) => p === 'SCHED_OTHER')).toBe(true)
  })

  it('reads UV_THREADPOOL_SIZE as libuv does', () => {
    expect([undefined, '8', '0', '', 'abc', '-1', '5000', '12abc'].map(libuvPoolSize)).toEqual([4, 8, 1, 1, 1, 1024, 1024, 12])
  })

  it.each([
    ['idle', true],
    ['normal', false],
  ] as const)('the server with WORKER_SCHEDULER=%s: event loop normal, background threads idle: %s', async (scheduler, idle) => {
    const storage = await mkdtemp(path.join(tmpdir(), 'vigil-bg-'))
    const server = await startServer({ storage, env: { WORKER_SCHEDULER: scheduler, TRAIN_CONCURRENCY: '1' } })
    try {
      const byThread = policies(server.pid)
      expect(byThread.get(server.pid)).toBe('SCHED_OTHER')
      const idleThreads = [...byThread.values()].filter((p) => p === 'SCHED_IDLE').length
      // at least V8's 4 platform threads (the training worker may still be starting)
      if (idle) expect(idleThreads).toBeGreaterThanOrEqual(4)
      else expect(idleThreads).toBe(0)
      // main, libuv's pool (4) and DuckDB's threads keep the normal policy
      expect([...byThread.values()].filter((p) => p === 'SCHED_OTHER').length).toBeGreaterThanOrEqual(5)
    } finally {
      await server.stop()
      await rm(storage, { recursive: true, force: true })
    }
  }, 60_000)
})
