import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
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

describe.skipIf(unavailable !== undefined)('background threads at SCHED_IDLE', () => {
  it('idles exactly the threads older than the libuv pool; the event loop and the pool stay normal', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROBE], { cwd: repoRoot, env: { ...process.env, UV_THREADPOOL_SIZE: '3' } })
    const { result, pool, policy, main } = JSON.parse(out.toString().trim().split('\n').pop() ?? '{}') as {
      result: { idled?: number[]; skipped?: string }
      pool: number[]
      policy: Record<string, string>
      main: number
    }
    expect(result.skipped).toBeUndefined()
    expect(pool).toHaveLength(3)
    const firstPool = Math.min(...pool)
    // V8's platform threads (4 by default) and Node's other startup helpers
    expect(result.idled?.length).toBeGreaterThanOrEqual(4)
    for (const [tid, p] of Object.entries(policy)) {
      const id = Number(tid)
      expect([id, p]).toEqual([id, id !== main && id < firstPool ? 'SCHED_IDLE' : 'SCHED_OTHER'])
    }
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
